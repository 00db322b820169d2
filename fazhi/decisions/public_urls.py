from django.urls import path

from . import public_views

app_name = "decisions"
urlpatterns = [
    path("catalogs/", public_views.catalog_list, name="catalog_list"),
    path("consultations/", public_views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", public_views.consultation_detail, name="consultation_detail"),
]
