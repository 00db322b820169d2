from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "normdocs"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="normdocs:document_list"), name="index"),
    path("documents/", views.DocumentList.as_view(), name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="document_detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/original/", views.document_original, name="document_original"),
    path("documents/<int:pk>/link/", views.document_link, name="document_link"),
    path(
        "documents/<int:pk>/<slug:action>/",
        views.DocumentDetail.as_view(),
        name="document_action",
    ),
    path("reviews/", views.ReviewList.as_view(), name="review_list"),
    path("reviews/<int:pk>/", views.ReviewDetail.as_view(), name="review_detail"),
    path(
        "reviews/<int:pk>/decide/",
        views.ReviewDetail.as_view(),
        {"action": "decide"},
        name="review_decide",
    ),
    path("reviews/<int:pk>/letter/", views.review_letter, name="review_letter"),
    path("reviews/<int:pk>/<slug:action>/", views.ReviewDetail.as_view(), name="review_action"),
    path("findings/<int:pk>/", views.finding_set, name="finding_set"),
    path("findings/<int:pk>/explain/", views.finding_explain, name="finding_explain"),
    path("findings/<int:pk>/accept/", views.finding_accept, name="finding_accept"),
    path("filings/", views.FilingList.as_view(), name="filing_list"),
    path("overdue/", views.OverdueList.as_view(), name="overdue_list"),
    path("cleanup/", views.Cleanup.as_view(), name="cleanup"),
    path("cleanup/<int:pk>/", views.cleanup_round, name="cleanup_round"),
    path("import/", views.document_import, name="document_import"),
]
