"""The portal: catalogues, drafts open for comment, anonymous comments (moderated before display)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core import dates
from fazhi.core.clientip import client_ip
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import apply_error

from . import selectors
from .forms import CommentForm
from .services.consultations import comment_submit


def catalog_list(request):
    year = dates.requested_year(request.GET.get("year"))
    entries = selectors.public_entries(params={"year": year})
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "decisions/public/catalog_list.html", {"page": page, "year": year})


def consultation_list(request):
    page = Paginator(selectors.public_consultations(), 30).get_page(request.GET.get("page"))
    return render(
        request, "decisions/public/consultation_list.html", {"page": page, "today": dates.today()}
    )


@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    consultation = selectors.public_consultation(id=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_submit(
                actor=request.user,
                consultation_id=consultation.pk,
                client=client_ip(request),
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("意见已提交,经审核后公开。感谢您的参与!"))
            return redirect(request.path)
    today = dates.today()
    return render(
        request,
        "decisions/public/consultation_detail.html",
        {
            "object": consultation,
            "comments": Paginator(selectors.public_comments(consultation), 50).get_page(
                request.GET.get("page")
            ),
            "form": form,
            "is_open": consultation.status == "open"
            and consultation.opens_on <= today <= consultation.closes_on,
        },
    )
