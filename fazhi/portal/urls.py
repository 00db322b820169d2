"""The public site: everything the law says must be published. Each app mounts its public pages here."""

from django.urls import include, path

from fazhi.core.discovery import app_modules

from . import audit_views, views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("audit/", audit_views.audit_digests, name="audit_digests"),
    path("audit/checkpoints.jsonl", audit_views.audit_digests_file, name="audit_digests_file"),
]

for config, module in app_modules("public_urls"):
    urlpatterns.append(path(f"{config.label}/", include(module)))
