from django.urls import path

from . import views

app_name = "catalogs"
urlpatterns = [
    path("", views.VersionList.as_view(), name="version_list"),
    path("import/", views.version_import, name="import"),
    path("targets/", views.target_overview, name="targets"),
    path("powers/", views.PowerItemList.as_view(), name="power_list"),
    path("<int:pk>/", views.VersionDetail.as_view(), name="version_detail"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
]
