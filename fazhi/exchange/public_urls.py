from django.urls import path

from . import public_views

app_name = "exchange"
urlpatterns = [
    path("", public_views.dataset_list, name="dataset_list"),
    path("<str:key>.<str:fmt>", public_views.dataset_download, name="dataset_download"),
]
