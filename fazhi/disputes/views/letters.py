"""Letters that demand a reply: the list (with the form to register a court's or procuratorate's
recommendation), the letter with its reply and follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import dates
from fazhi.core.numbering import court_name
from fazhi.core.pages import Action, Col

from .. import filters, forms, selectors, services
from ..choices import LetterKind
from .common import CaseDetail, ListPage, post_from_list

COURT_LETTERS = (LetterKind.JUDICIAL, LetterKind.PROCURATORIAL)


def issued(letter) -> str:
    return _("已登记%(kind)s,回复期限 %(due)s") % {
        "kind": letter.get_kind_display(),
        "due": dates.day(letter.reply_due),
    }


def issue_form(user, data=None):
    """The letter form a user may fill on the list: court and procuratorate letters only,
    unless the user is the reconsideration office."""
    kinds = None if user.has_perm("disputes.handle_reconsideration") else COURT_LETTERS
    return forms.LetterForm(
        data,
        kinds=kinds,
        initial={
            "issued_on": dates.today(),
            "kind": LetterKind.JUDICIAL,
            "issuer": court_name(user.unit.region) if user.unit_id else "",
        },
    )


class LetterList(ListPage):
    selector = staticmethod(selectors.letter_list)
    filterset = filters.LetterFilter
    template_name = "disputes/letter_list.html"
    table_template = "disputes/partials/letter_table.html"
    default_sort = "due"
    title = gettext_lazy("意见书、建议书与司法(检察)建议")
    export_name = gettext_lazy("意见书与建议书")
    columns = [
        Col("kind", gettext_lazy("类别"), value=lambda lt: lt.get_kind_display(), sort="kind"),
        Col("doc_number", gettext_lazy("文号"), sort=False),
        Col("issuer", gettext_lazy("制发机关"), sort=False),
        Col(
            "addressee",
            gettext_lazy("收文单位"),
            value=lambda lt: lt.addressee.name,
            sort="addressee__name",
        ),
        Col("issued", gettext_lazy("日期"), value=lambda lt: lt.issued_on, sort="issued_on"),
        Col("due", gettext_lazy("回复期限"), value=lambda lt: lt.reply_due, sort="reply_due"),
        Col("replied_on", gettext_lazy("回复日期"), sort=False),
        Col("content", gettext_lazy("主要内容"), sort=False),
    ]

    def extra_context(self, request, listing):
        can_issue = request.user.has_perm("disputes.issue_letter")
        return {"form": issue_form(request.user) if can_issue else None}


@login_required
@require_POST
def letter_create(request):
    if not request.user.has_perm("disputes.view"):
        raise DjangoPermissionDenied(_("您无权查看此页面"))
    return post_from_list(
        request,
        issue_form(request.user, request.POST),
        lambda data: services.letter_issue(actor=request.user, **data),
        success=issued,
        back="disputes:letter_list",
        done=lambda letter: ("disputes:letter_detail", letter.pk),
    )


class LetterDetail(CaseDetail):
    selector = staticmethod(selectors.letter_get_for_user)
    template_name = "disputes/letter_detail.html"
    heading = "doc_number"
    url_name = "disputes:letter_detail"
    action_url_name = "disputes:letter_action"
    context_name = "letter"
    action_target = "letter"
    actions = [
        Action(
            "reply",
            gettext_lazy("回复整改落实情况"),
            forms.LetterReplyForm,
            services.letter_reply,
            perm="disputes.reply_letter",
            visible=lambda user, letter: not letter.replied_on,
            success=gettext_lazy("已回复"),
        ),
        Action(
            "follow_up",
            gettext_lazy("记录跟踪督促"),
            forms.FollowUpForm,
            services.letter_follow_up,
            perm="disputes.follow_up_letter",
            success=gettext_lazy("已记录督促情况"),
        ),
    ]
