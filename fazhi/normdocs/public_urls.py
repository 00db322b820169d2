"""Public pages, mounted by the portal at /public/normdocs/."""

from django.urls import path

from . import public_views

app_name = "normdocs_public"
urlpatterns = [
    path("", public_views.search, name="search"),
    path("<int:pk>/", public_views.document, name="document"),
    path("cleanup/<int:pk>/", public_views.cleanup_result, name="cleanup_result"),
]
