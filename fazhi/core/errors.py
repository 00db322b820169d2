"""One error type for everything a user did wrong; pages show it on the form, the API as JSON.

Codes are enums, one per app (`class DisputesError(ErrorCode)`), so every refusal a client can
meet is listed in the code: `ApplicationError(_("…"), code=DisputesError.NOT_SUSPENDED)`.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError


class ErrorCode(StrEnum):
    """Base of the per-app error-code enums; values are stable strings clients may test."""


class CoreError(ErrorCode):
    ERROR = "error"
    INVALID = "invalid"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    WRONG_STATUS = "wrong_status"
    UPLOAD_REJECTED = "upload_rejected"


class ApplicationError(Exception):
    """A refusal with a message in the interface language, a stable code, and optional per-field details."""

    code: str = CoreError.ERROR
    status = 400

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}

    def as_dict(self) -> dict:
        return {"code": str(self.code), "message": self.message, "fields": self.fields}


class PermissionDenied(ApplicationError):
    code = CoreError.FORBIDDEN
    status = 403


class NotFound(ApplicationError):
    code = CoreError.NOT_FOUND
    status = 404


class Conflict(ApplicationError):
    """Someone else changed the row first (optimistic locking)."""

    code = CoreError.CONFLICT
    status = 409


def from_validation_error(exc: ValidationError) -> ApplicationError:
    """A model's full_clean() refusal as one ApplicationError naming each field."""
    from django.utils.translation import gettext as _

    if hasattr(exc, "error_dict"):
        fields = {k: "；".join(str(m) for m in v) for k, v in exc.message_dict.items()}
    else:
        fields = {}
    text = "；".join(fields.values()) if fields else "；".join(str(m) for m in exc.messages)
    return ApplicationError(_("请检查填写内容:") + text, code=CoreError.INVALID, fields=fields)
