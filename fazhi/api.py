"""The HTTP API (django-ninja, OpenAPI at /api/docs for signed-in users). One router per app;
session auth. Every refusal has one shape, `{"code", "message", "fields"}`, and the OpenAPI
document lists each status an operation can return."""

import logging

from django.contrib.auth.decorators import login_required
from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from fazhi.core.errors import ApplicationError

log = logging.getLogger(__name__)


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict


ERRORS = {
    400: "请求被拒绝(业务规则)",
    401: "请先登录",
    403: "无权进行此操作",
    404: "不存在或无权查看",
    409: "已被他人修改",
    422: "参数格式或范围不正确",
}


class FazhiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
            ErrorOut.model_json_schema()
        )
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, text in ERRORS.items():
                    responses.setdefault(status, {"description": text, **error})
        return schema


api = FazhiAPI(
    title="法治 Fazhi API",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=login_required,
)


def _error(request, status: int, code: str, message: str, fields: dict | None = None):
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "unauthenticated", "请先登录")


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", "不存在或无权查看")


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    fields = {}
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "body"
        fields[where] = error.get("msg", "")
    return _error(request, 422, "invalid", "参数格式或范围不正确", fields)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
@api.exception_handler(ValueError)
def out_of_range(request, exc):
    """A value the code or the database cannot take (year 0, a number beyond 64 bits): the
    request's fault, so a 422; logged with its traceback in case it is a bug after all."""
    log.warning("API value out of range: %s", request.get_full_path(), exc_info=exc)
    return _error(request, 422, "invalid", "数值超出允许范围")


def _mount() -> None:
    from fazhi.core.discovery import app_modules

    for config, module in app_modules("api"):
        api.add_router(getattr(config, "api_prefix", f"/{config.label}"), module.router)


_mount()
