from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("catalogs/", views.CatalogList.as_view(), name="catalog_list"),
    path("catalogs/new/", views.CatalogCreate.as_view(), name="catalog_create"),
    path("catalogs/on-time/", views.catalog_on_time, name="catalog_on_time"),
    path("catalogs/<int:pk>/", views.CatalogDetail.as_view(), name="catalog_detail"),
    path("", views.DecisionList.as_view(), name="decision_list"),
    path("new/", views.DecisionCreate.as_view(), name="decision_create"),
    path("<int:pk>/", views.DecisionDetail.as_view(), name="decision_detail"),
    path("<int:pk>/accountability/", views.accountability, name="accountability"),
    path("experts/", views.ExpertList.as_view(), name="expert_list"),
    path("experts/new/", views.ExpertCreate.as_view(), name="expert_create"),
    path("advisers/", views.AdviserList.as_view(), name="adviser_list"),
    path("advisers/new/", views.AdviserCreate.as_view(), name="adviser_create"),
    path("execution/", views.ExecutionTaskList.as_view(), name="execution_tasks"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("consultations/<int:pk>/", views.ConsultationDetail.as_view(), name="consultation_detail"),
]
