"""What the normdocs pages share."""

from __future__ import annotations

from django.contrib import messages

from fazhi.core.errors import ApplicationError, PermissionDenied


def refused(request, exc: ApplicationError, form=None) -> None:
    """A service's refusal on a page: at the top of `form`, else as a message. A permission
    refusal is raised again, for `core.errorpages` to answer with the 403 page."""
    if isinstance(exc, PermissionDenied):
        raise exc
    if form is not None:
        form.add_error(None, exc.message)
    else:
        messages.error(request, exc.message)
