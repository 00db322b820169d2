from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api import api
from fazhi.core import account_views, health
from fazhi.core import views as core_views
from fazhi.core.discovery import app_modules

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("account/second-factor/", account_views.second_factor, name="second_factor"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("core/", include("fazhi.core.urls")),
]

handler404 = "fazhi.core.errorpages.not_found"
handler403 = "fazhi.core.errorpages.denied"

for config, module in app_modules("urls"):
    if config.label != "core":
        prefix = getattr(config, "url_prefix", f"{config.label}/")
        urlpatterns.append(path(prefix, include(module)))
