from django.urls import path

from . import public_views

app_name = "enforcement_public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("decisions/", public_views.decision_list, name="decision_list"),
    path("decisions/<int:case_id>/", public_views.decision_detail, name="decision_detail"),
    path("draws/", public_views.draw_list, name="draw_list"),
    path("draws/<int:draw_id>/", public_views.draw_detail, name="draw_detail"),
    path("draws/<int:draw_id>/<slug:kind>.txt", public_views.public_draw_file, name="draw_file"),
]
