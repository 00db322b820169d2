from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("tokens/", views.TokenList.as_view(), name="token_list"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/", views.TokenDetail.as_view(), name="token_detail"),
]
