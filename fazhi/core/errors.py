"""One error type for everything a user did wrong; pages show it on the form, the API as JSON."""

from __future__ import annotations


class ApplicationError(Exception):
    """A refusal with a message in the interface language, a stable code, and optional per-field details."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class PermissionDenied(ApplicationError):
    code = "forbidden"
    status = 403


class NotFound(ApplicationError):
    code = "not_found"
    status = 404


class Conflict(ApplicationError):
    """Someone else changed the row first (optimistic locking)."""

    code = "conflict"
    status = 409
