from django.urls import path

from . import public_views

app_name = "disputes"
urlpatterns = [
    path("apply/", public_views.apply, name="apply"),
    path("query/", public_views.query, name="query"),
    path("decisions/", public_views.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", public_views.decision_detail, name="decision_detail"),
]
