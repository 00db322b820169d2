"""The inbox, opening a message, marking all read, and the user's preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.pages import Col, ObjectListView

from . import selectors, services
from .forms import PreferenceForm


class Inbox(ObjectListView):
    selector = staticmethod(selectors.inbox)
    title = gettext_lazy("消息")
    template_name = "notifications/inbox.html"
    default_sort = "-created"
    columns = [
        Col("title", gettext_lazy("标题"), link=True, sort=False),
        Col("kind", gettext_lazy("类别"), value=lambda n: n.get_kind_display(), sort="kind"),
        Col("due_on", gettext_lazy("期限"), badge="deadline", done="read_at"),
        Col("created_at", gettext_lazy("时间"), sort="created_at"),
        Col("read_at", gettext_lazy("已读"), value=lambda n: n.read_at is not None, sort=False),
    ]

    def sortable(self) -> dict[str, str]:
        return {**super().sortable(), "created": "created_at"}


@login_required
def notification_open(request, pk: int):
    note = services.notification_mark_read(actor=request.user, notification_id=pk)
    target = note.url if url_has_allowed_host_and_scheme(note.url, allowed_hosts=None) else ""
    return redirect(target or "notifications:inbox")


@login_required
@require_POST
def inbox_mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("已将 %(count)s 条消息标为已读") % {"count": count})
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preference_edit(request):
    pref = selectors.preference_for(user=request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"email": pref.email, "webhook": pref.webhook, "digest": pref.digest},
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("通知偏好已保存"))
        return redirect("notifications:inbox")
    return render(request, "notifications/preferences.html", {"form": form})
