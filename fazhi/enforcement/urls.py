from django.urls import path
from django.views.generic import RedirectView

from .views import cases, inspections, officers, standards, supervision

app_name = "enforcement"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="enforcement:case_list"), name="index"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/act/<slug:action>/", cases.case_act, name="case_act"),
    path("cases/<int:case_id>/discretion/", cases.discretion_preview, name="discretion_preview"),
    path(
        "cases/<int:case_id>/file-review/",
        supervision.file_review_create,
        name="file_review_create",
    ),
    path("evidence/<int:evidence_id>/custody/", cases.evidence_custody, name="evidence_custody"),
    path("evidence/<int:evidence_id>/download/", cases.evidence_download, name="evidence_download"),
    path("bodies/", officers.body_list, name="body_list"),
    path("bodies/new/", officers.body_create, name="body_create"),
    path("bodies/<int:body_id>/", officers.body_detail, name="body_detail"),
    path("matters/", officers.matter_list, name="matter_list"),
    path("officers/", officers.officer_list, name="officer_list"),
    path("officers/new/", officers.officer_create, name="officer_create"),
    path("officers/<int:officer_id>/", officers.officer_detail, name="officer_detail"),
    path("trainings/new/", officers.training_session_create, name="training_session_create"),
    path("standards/", standards.standard_list, name="standard_list"),
    path("standards/import/", standards.standard_import, name="standard_import"),
    path("standards/template/", standards.standard_template, name="standard_template"),
    path("standards/export/", standards.standard_export, name="standard_export"),
    path("standards/<int:standard_id>/", standards.standard_detail, name="standard_detail"),
    path("inspections/", inspections.plan_list, name="plan_list"),
    path("inspections/new/", inspections.plan_create, name="plan_create"),
    path("inspections/<int:plan_id>/", inspections.plan_detail, name="plan_detail"),
    # The draw's steps, declared actions of the plan page (`inspections.PlanDetail`).
    *(
        path(
            f"inspections/<int:plan_id>/{step}/",
            inspections.plan_act,
            {"action": step},
            name=f"draw_{step}",
        )
        for step in ("commit", "reveal", "publish")
    ),
    path(
        "inspections/visits/<int:visit_id>/result/",
        inspections.visit_result,
        name="visit_result",
    ),
    path("targets/", inspections.target_list, name="target_list"),
    path("targets/import/", inspections.target_import, name="target_import"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("guiding-cases/", supervision.guiding_case_list, name="guiding_case_list"),
]
