"""The public site: everything the law says must be published. Each app mounts its public pages here."""

from importlib import import_module

from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [path("", views.index, name="index")]

for app in ("normdocs", "enforcement", "disputes", "plans"):
    try:
        import_module(f"fazhi.{app}.public_urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"fazhi.{app}.public_urls":
            raise
        continue
    urlpatterns.append(path(f"{app}/", include(f"fazhi.{app}.public_urls")))
