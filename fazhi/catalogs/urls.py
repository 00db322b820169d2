from django.urls import path

from . import excel_views, views

app_name = "catalogs"
urlpatterns = [
    path("", views.VersionList.as_view(), name="version_list"),
    path("import/", excel_views.version_import, name="import"),
    path("import/<int:pk>/", excel_views.import_job, name="import_job"),
    path("mapping/", excel_views.mapping_edit, name="mapping"),
    path("export/", excel_views.body_export, name="body_export"),
    path("targets/", views.target_overview, name="targets"),
    path("targets/items/", views.TargetItemList.as_view(), name="target_items"),
    path("powers/", views.PowerItemList.as_view(), name="power_list"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("<int:pk>/", views.VersionDetail.as_view(), name="version_detail"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("<int:pk>/export.xlsx", excel_views.version_export, name="version_export"),
]
