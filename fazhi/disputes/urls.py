from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "disputes"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="disputes:reconsideration_list"), name="index"),
    path("reconsiderations/", views.reconsideration_list, name="reconsideration_list"),
    path("reconsiderations/new/", views.reconsideration_create, name="reconsideration_create"),
    path("reconsiderations/<int:pk>/", views.reconsideration_detail, name="reconsideration_detail"),
    path(
        "reconsiderations/<int:pk>/<slug:action>/",
        views.reconsideration_action,
        name="reconsideration_action",
    ),
    path(
        "reconsiderations/<int:pk>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("litigation/", views.litigation_list, name="litigation_list"),
    path("litigation/new/", views.litigation_create, name="litigation_create"),
    path("litigation/<int:pk>/", views.litigation_detail, name="litigation_detail"),
    path("litigation/<int:pk>/<slug:action>/", views.litigation_action, name="litigation_action"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/new/", views.letter_create, name="letter_create"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/<slug:action>/", views.letter_action, name="letter_action"),
    path("mediation/", views.mediation_list, name="mediation_list"),
    path("mediation/new/", views.mediation_create, name="mediation_create"),
    path("mediation/<int:pk>/", views.mediation_detail, name="mediation_detail"),
    path("mediation/<int:pk>/<slug:action>/", views.mediation_action, name="mediation_action"),
    path("adjudication/", views.adjudication_list, name="adjudication_list"),
    path("adjudication/new/", views.adjudication_create, name="adjudication_create"),
    path(
        "adjudication/items/new/", views.adjudication_item_create, name="adjudication_item_create"
    ),
    path("adjudication/<int:pk>/", views.adjudication_detail, name="adjudication_detail"),
    path("petitions/", views.petition_list, name="petition_list"),
    path("petitions/new/", views.petition_create, name="petition_create"),
    path("petitions/<int:pk>/", views.petition_detail, name="petition_detail"),
    path("petitions/<int:pk>/<slug:action>/", views.petition_action, name="petition_action"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("statistics/", views.statistics, name="statistics"),
    path("periods/", views.period_list, name="period_list"),
]
