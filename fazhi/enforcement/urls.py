from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "enforcement"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="enforcement:case_list"), name="index"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/act/<slug:action>/", views.case_act, name="case_act"),
    path("cases/<int:case_id>/discretion/", views.discretion_preview, name="discretion_preview"),
    path("cases/<int:case_id>/file-review/", views.file_review_create, name="file_review_create"),
    path("evidence/<int:evidence_id>/custody/", views.evidence_custody, name="evidence_custody"),
    path("evidence/<int:evidence_id>/download/", views.evidence_download, name="evidence_download"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/<int:officer_id>/", views.officer_detail, name="officer_detail"),
    path("standards/", views.standard_list, name="standard_list"),
    path("standards/import/", views.standard_import, name="standard_import"),
    path("standards/template/", views.standard_template, name="standard_template"),
    path("standards/<int:standard_id>/", views.standard_detail, name="standard_detail"),
    path("inspections/", views.plan_list, name="plan_list"),
    path("inspections/new/", views.plan_create, name="plan_create"),
    path("inspections/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("inspections/<int:plan_id>/commit/", views.draw_commit, name="draw_commit"),
    path("inspections/<int:plan_id>/reveal/", views.draw_reveal, name="draw_reveal"),
    path("inspections/<int:plan_id>/publish/", views.draw_publish, name="draw_publish"),
    path("inspections/visits/<int:visit_id>/result/", views.visit_result, name="visit_result"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/import/", views.target_import, name="target_import"),
    path("supervision/", views.supervision, name="supervision"),
    path("guiding-cases/", views.guiding_case_list, name="guiding_case_list"),
]
