from importlib import import_module

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api import api
from fazhi.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("core/", include("fazhi.core.urls")),
]

for app in ("plans", "normdocs", "enforcement", "disputes", "portal"):
    try:
        import_module(f"fazhi.{app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"fazhi.{app}.urls":
            raise
        continue
    prefix = "public/" if app == "portal" else f"{app}/"
    urlpatterns.append(path(prefix, include(f"fazhi.{app}.urls")))
