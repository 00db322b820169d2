"""What the disputes pages share: detail pages whose actions post to their own URLs, and
registration pages (form → service → message → the new case)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core.errors import ApplicationError
from fazhi.core.pages import ObjectDetailView, ObjectListView


class ListPage(ObjectListView):
    """A list page of the app: its own template, the table a partial for htmx."""

    permission = "disputes.view"


class CaseDetail(ObjectDetailView):
    """A detail page whose actions post to `<app>:<model>_action` (pk, action) when it has one,
    else to the page itself with `?action=`; the row is in the context under `context_name`."""

    permission = "disputes.view"
    context_name = "case"
    action_url_name = ""

    def action_url(self, request, obj, action) -> str:
        if self.action_url_name:
            return reverse(self.action_url_name, args=[obj.pk, action.name])
        return f"{reverse(self.url_name, args=[obj.pk])}?action={action.name}"

    def success_url(self, request, obj, result) -> str:
        return reverse(self.url_name, args=[obj.pk])

    def page_context(self, request, obj) -> dict[str, Any]:
        return {}

    def extra_context(self, request, obj) -> dict[str, Any]:
        return {self.context_name: obj, **self.page_context(request, obj)}


def create_page(
    request,
    form,
    register: Callable[[dict], Any],
    *,
    success: Callable[[Any], str],
    detail: str,
    template: str = "disputes/simple_form.html",
    **context,
):
    """Render a registration form; on a valid POST call `register(cleaned_data)`: a refusal is
    shown above the form and nothing is written, success goes to the new row's `detail` page."""
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            obj = register(dict(form.cleaned_data))
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(request, success(obj))
            return redirect(detail, obj.pk)
    return render(request, template, {"form": form, "error": error, **context})
