"""Helpers the enforcement pages share, and the base of their list pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Action, ObjectCreateView, ObjectListView, refused

from .. import forms, selectors
from ..errors import EnforcementError


def own_body_or_403(request):
    """The body of the user's unit, for a page that creates a row of it (a case, a plan)."""
    body = selectors.own_body(request.user)
    if body is None:
        raise DjangoPermissionDenied(_("您所在单位不是执法主体"))
    return body


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class CreatePage(ObjectCreateView):
    """A page of the app that creates a row: its forms take no user, a refusal goes on the field
    it names (else at the top of the form), and "已保存" after success."""

    refusal_on_form = True

    def form_kwargs(self, request) -> dict:
        return {}

    def success(self, row) -> str:
        return _("已保存")


class OwnBodyCreatePage(CreatePage):
    """A create page for a row of the user's own body (a case, a plan): `self.body`, 403 when
    the user's unit is not an enforcement body."""

    def check_permission(self, request) -> None:
        super().check_permission(request)
        self.body = own_body_or_403(request)


def row_action(name, label, form_class, service, *, target, perm, **extra) -> Action:
    """An action of a detail page whose form and service both take the page's row as
    `target` (the officer, the body); "已保存" after success unless `success` says otherwise."""
    extra.setdefault("success", gettext_lazy("已保存"))
    return Action(
        name,
        label,
        form_class,
        service,
        perm=perm,
        target=target,
        form_kwargs=lambda user, row: {target: row},
        **extra,
    )


class ListPage(ObjectListView):
    """An enforcement list: its own heading and table partial; `shown` names the columns the
    page shows, in order (the export takes every column declared with `export=True`)."""

    template_name = "enforcement/list.html"
    shown: tuple[str, ...] = ()
    heading_note = ""

    def shown_columns(self, request):
        columns = {c.key: c for c in self.get_columns(request)}
        return [columns[k] for k in self.shown] if self.shown else list(columns.values())

    def page_context(self, request, listing) -> dict:
        return {}

    def extra_context(self, request, listing) -> dict:
        return {
            "shown_columns": self.shown_columns(request),
            "heading_note": self.heading_note,
            **self.page_context(request, listing),
        }


class ImportListPage(ListPage):
    """A list with the form that imports a file of its rows (`import_view`), shown to holders
    of `import_perm`."""

    import_perm = ""

    def page_context(self, request, listing) -> dict:
        return {
            "upload_form": forms.UploadForm(),
            "can_import": request.user.has_perm(self.import_perm),
        }


def import_view(service, *, perm: str, back: str, missing, done):
    """The POST of an `ImportListPage`'s form, for holders of `perm`: `service(actor=,
    upload=)` → the number of rows imported, said by `done` (`%(count)s`); a missing file
    (`missing`) or the service's refusal as a message. Back to the list `back` either way."""

    @require_POST
    @login_required
    @permission_required(perm, raise_exception=True)
    def view(request):
        form = forms.UploadForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ApplicationError(missing, code=EnforcementError.EMPTY)
            count = service(actor=request.user, upload=form.cleaned_data["upload"])
        except ApplicationError as exc:
            refused(request, exc)
        else:
            messages.success(request, done % {"count": count})
        return redirect(back)

    return view


class ChineseExport:
    """For a list whose workbook the importer reads back: headers and values stay Chinese."""

    def export(self, request, qs, columns):
        with translation.override("zh-hans"):
            return super().export(request, qs, columns)
