from django.urls import path

from . import period_views, views

app_name = "core"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("audit/", views.audit_list, name="audit_list"),
    path("periods/", period_views.PeriodList.as_view(), name="period_list"),
    path("periods/<int:pk>/", period_views.PeriodDetail.as_view(), name="period_detail"),
]
