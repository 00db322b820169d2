from django.urls import path

from . import public_views

app_name = "catalogs"
urlpatterns = [
    path("", public_views.browse, name="browse"),
    path("items/<int:pk>/", public_views.item_detail, name="item"),
    path("<int:pk>/download.<str:fmt>", public_views.download, name="download"),
    path("exemptions/", public_views.exemptions, name="exemptions"),
    path("adjudications/", public_views.adjudications, name="adjudications"),
]
