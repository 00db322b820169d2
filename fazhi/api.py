"""The HTTP API (django-ninja, OpenAPI at /api/docs). One router per app; session auth."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from fazhi.core.errors import ApplicationError

api = NinjaAPI(title="法治 Fazhi API", version="1", auth=django_auth, urls_namespace="api")


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"code": "unauthenticated", "message": "请先登录", "fields": {}}, status=401
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"code": "not_found", "message": "不存在或无权查看", "fields": {}}, status=404
    )


def _mount() -> None:
    from fazhi.core.discovery import app_modules

    for config, module in app_modules("api"):
        api.add_router(getattr(config, "api_prefix", f"/{config.label}"), module.router)


_mount()
