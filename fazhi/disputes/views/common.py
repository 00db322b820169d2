"""What the disputes pages share: detail pages whose actions post to their own URLs,
registration pages (the kernel's create page with the day received), and forms posted from a
list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import ObjectCreateView, ObjectDetailView, ObjectListView, refused


class ListPage(ObjectListView):
    """A list page of the app: its own template, the table a partial for htmx."""

    permission = "disputes.view"


class CaseDetail(ObjectDetailView):
    """A detail page whose actions post to `<app>:<model>_action` (pk, action) when it has one,
    else to the page itself with `?action=`; the row is in the context under `context_name`,
    with its `heading` field and status for the page head."""

    permission = "disputes.view"
    context_name = "case"
    action_url_name = ""
    heading = "number"  # the field the page is titled by (disputes/case_detail.html)

    def action_url(self, request, obj, action) -> str:
        if self.action_url_name:
            return reverse(self.action_url_name, args=[obj.pk, action.name])
        return f"{reverse(self.url_name, args=[obj.pk])}?action={action.name}"

    def success_url(self, request, obj, result) -> str:
        return reverse(self.url_name, args=[obj.pk])

    def page_context(self, request, obj) -> dict[str, Any]:
        return {}

    def extra_context(self, request, obj) -> dict[str, Any]:
        status = obj.get_status_display() if hasattr(obj, "get_status_display") else ""
        return {
            self.context_name: obj,
            "heading": getattr(obj, self.heading),
            "status": status,
            **self.page_context(request, obj),
        }


class RegisterPage(ObjectCreateView):
    """The page that registers a new case: the kernel's create page with the day as
    `received_on` and, with `own_unit`, the user's unit as `unit`. `registered` is the message
    after success, with the case as `%(number)s` and the date in its field `due` as `%(due)s`."""

    permission = "disputes.add_casework"
    own_unit = False
    registered = ""
    due = ""

    def success(self, case) -> str:
        values = {"number": str(case)}
        if self.due:
            values["due"] = dates.day(getattr(case, self.due))
        return str(self.registered) % values

    def initial(self, request) -> dict[str, Any]:
        initial: dict[str, Any] = {"received_on": dates.today()}
        if self.own_unit:
            initial["unit"] = request.user.unit_id
        return initial


def post_from_list(
    request, form, register: Callable[[dict], Any], *, success, back: str, done=None
):
    """A form posted from a list page (a catalogue entry, a letter received): the first error
    or refusal as a message back on the list; on success the message and `done(row)`'s page
    (the list again when there is none)."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else ""
        messages.error(request, f"{label}:{errors[0]}" if label else str(errors[0]))
        return redirect(back)
    try:
        obj = register(form.cleaned_data)
    except ApplicationError as exc:
        refused(request, exc)
        return redirect(back)
    messages.success(request, success(obj))
    return redirect(*done(obj)) if done else redirect(back)
