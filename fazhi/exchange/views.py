"""Administrators' pages: the tokens, a new token (its secret shown once), revocation; each
after the second factor, since a token opens the data to another system."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import ApplicationError
from fazhi.core.middleware import second_factor_required
from fazhi.core.pages import Action, Col, Link, ObjectDetailView, ObjectListView, apply_error

from . import selectors, services
from .forms import RevokeForm, TokenForm


class TokenList(ObjectListView):
    second_factor = True
    permission = "exchange.manage_tokens"
    selector = staticmethod(selectors.token_list)
    title = _("接口令牌")
    default_sort = "-created_at"
    links = [Link(_("签发令牌"), "exchange:token_create", icon="plus-lg")]
    columns = [
        Col("system", _("系统名称"), link=True),
        Col("prefix", _("令牌前缀"), sort=False),
        Col("region", _("可读区划"), value=lambda t: t.region.name, sort="region_id"),
        Col("per_minute", _("每分钟调用上限")),
        Col("last_used_at", _("最近使用")),
        Col("created_at", _("签发时间")),
        Col("revoked_at", _("吊销时间")),
    ]


class TokenDetail(ObjectDetailView):
    second_factor = True
    permission = "exchange.manage_tokens"
    selector = staticmethod(selectors.token_get_for_user)
    template_name = "exchange/token_detail.html"
    actions = [
        Action(
            "revoke",
            _("吊销"),
            RevokeForm,
            services.token_revoke,
            target="token_id",
            perm="exchange.manage_tokens",
            visible=lambda user, token: token.revoked_at is None,
            danger=True,
            confirm=_("吊销后该系统立即无法调用接口,确定吊销?"),
            success=_("令牌已吊销"),
        )
    ]


@second_factor_required
@permission_required("exchange.manage_tokens", raise_exception=True)
@require_http_methods(["GET", "POST"])
def token_create(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            # The secret is shown this once; only its digest is kept.
            return render(
                request, "exchange/token_created.html", {"token": token, "secret": secret}
            )
    return render(request, "exchange/token_form.html", {"form": form})
