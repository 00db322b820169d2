"""The public site: everything the law says must be published. Each app mounts its public pages here."""

from django.urls import include, path

from fazhi.core.discovery import app_modules

from . import views

app_name = "portal"
urlpatterns = [path("", views.index, name="index")]

for config, module in app_modules("public_urls"):
    urlpatterns.append(path(f"{config.label}/", include(module)))
