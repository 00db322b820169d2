from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "normdocs"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="normdocs:document_list"), name="index"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/original/", views.document_original, name="document_original"),
    path("documents/<int:pk>/link/", views.document_link, name="document_link"),
    path("documents/<int:pk>/<slug:action>/", views.document_action, name="document_action"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("reviews/<int:pk>/letter/", views.review_letter, name="review_letter"),
    path("findings/<int:pk>/", views.finding_set, name="finding_set"),
    path("filings/", views.filing_list, name="filing_list"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("cleanup/", views.cleanup, name="cleanup"),
    path("cleanup/<int:pk>/", views.cleanup_round, name="cleanup_round"),
    path("import/", views.document_import, name="document_import"),
]
