from django.urls import path
from django.views.generic import RedirectView

from . import views
from .views.linking import link_board

app_name = "plans"
urlpatterns = [
    # The dashboard is not at the app root, so the sidebar does not mark it active on every page.
    path("", RedirectView.as_view(pattern_name="plans:dashboard"), name="index"),
    path("overview/", views.dashboard, name="dashboard"),
    path("tasks/", views.TaskList.as_view(), name="task_list"),
    path("tasks/import-progress/", views.ledger_import, name="ledger_import"),
    # Its actions post to the same address with ?action=report|remind|notice|edit.
    path("tasks/<int:task_id>/", views.TaskDetail.as_view(), name="task_detail"),
    path("targets/<int:target_id>/edit/", views.target_edit, name="target_edit"),
    path("reports/", views.ReportList.as_view(), name="report_list"),
    # Its review (采纳/退回) posts to the same address with ?action=review.
    path("reports/<int:report_id>/", views.ReportDetail.as_view(), name="report_detail"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("unit/", views.unit_overview, name="unit_overview"),
    path("notices/", views.NoticeList.as_view(), name="notice_list"),
    path("notices/<int:notice_id>/", views.NoticeDetail.as_view(), name="notice_detail"),
    path("notices/<int:notice_id>/docx/", views.notice_docx, name="notice_docx"),
    path("import/", views.plan_import, name="plan_import"),
    path("import/<int:import_id>/", views.import_review, name="import_review"),
    path("links/", link_board, name="link_board"),
]
