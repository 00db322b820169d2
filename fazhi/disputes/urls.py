from django.urls import path
from django.views.generic import RedirectView

from .views import board, casework, letters, litigation, reconsideration

app_name = "disputes"

recon_detail = reconsideration.ReconsiderationDetail.as_view()
lit_detail = litigation.LitigationDetail.as_view()
letter_detail = letters.LetterDetail.as_view()
mediation_detail = casework.MediationDetail.as_view()
petition_detail = casework.PetitionDetail.as_view()

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="disputes:reconsideration_list"), name="index"),
    path(
        "reconsiderations/",
        reconsideration.ReconsiderationList.as_view(),
        name="reconsideration_list",
    ),
    path(
        "reconsiderations/new/",
        reconsideration.ReconsiderationCreate.as_view(),
        name="reconsideration_create",
    ),
    path("reconsiderations/<int:pk>/", recon_detail, name="reconsideration_detail"),
    path(
        "reconsiderations/<int:pk>/<slug:action>/",
        recon_detail,
        name="reconsideration_action",
    ),
    path(
        "reconsiderations/<int:pk>/files/<int:attachment_id>/",
        reconsideration.attachment_download,
        name="attachment_download",
    ),
    path("litigation/", litigation.LitigationList.as_view(), name="litigation_list"),
    path("litigation/new/", litigation.LitigationCreate.as_view(), name="litigation_create"),
    path("litigation/<int:pk>/", lit_detail, name="litigation_detail"),
    path("litigation/<int:pk>/<slug:action>/", lit_detail, name="litigation_action"),
    path("letters/", letters.LetterList.as_view(), name="letter_list"),
    path("letters/new/", letters.letter_create, name="letter_create"),
    path("letters/<int:pk>/", letter_detail, name="letter_detail"),
    path("letters/<int:pk>/<slug:action>/", letter_detail, name="letter_action"),
    path("mediation/", casework.MediationList.as_view(), name="mediation_list"),
    path("mediation/new/", casework.MediationCreate.as_view(), name="mediation_create"),
    path("mediation/<int:pk>/", mediation_detail, name="mediation_detail"),
    path("mediation/<int:pk>/<slug:action>/", mediation_detail, name="mediation_action"),
    path("adjudication/", casework.AdjudicationList.as_view(), name="adjudication_list"),
    path("adjudication/new/", casework.AdjudicationCreate.as_view(), name="adjudication_create"),
    path(
        "adjudication/items/new/",
        casework.adjudication_item_create,
        name="adjudication_item_create",
    ),
    path(
        "adjudication/<int:pk>/",
        casework.AdjudicationDetail.as_view(),
        name="adjudication_detail",
    ),
    path("petitions/", casework.PetitionList.as_view(), name="petition_list"),
    path("petitions/new/", casework.PetitionCreate.as_view(), name="petition_create"),
    path("petitions/<int:pk>/", petition_detail, name="petition_detail"),
    path("petitions/<int:pk>/<slug:action>/", petition_detail, name="petition_action"),
    path("deadlines/", board.deadlines, name="deadlines"),
    path("statistics/", board.statistics, name="statistics"),
    path("periods/", board.period_list, name="period_list"),
]
