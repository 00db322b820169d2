"""The unified public query (统一公开查询): published documents only, anonymous."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit

from . import selectors
from .forms import PublicSearchForm
from .models import CleanupRound, NormativeDocument


@require_GET
def search(request):
    issuers = (
        OrgUnit.objects.filter(normative_documents__in=NormativeDocument.objects.published())
        .distinct()
        .order_by("name")
    )
    form = PublicSearchForm(request.GET, issuers=issuers)
    error, page, exact = "", None, False
    if form.is_valid():
        data = form.cleaned_data
        try:
            results, exact = selectors.public_search(
                q=data.get("q", ""),
                issuer=data["issuer"].pk if data.get("issuer") else None,
                year=data.get("year"),
                status=data.get("status", ""),
                order=data.get("order") or "rank",
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            page = Paginator(results, 20).get_page(request.GET.get("page"))
    else:
        error = "；".join(str(e) for errors in form.errors.values() for e in errors)
    params = request.GET.copy()
    params.pop("page", None)
    rounds = CleanupRound.objects.filter(status="published").order_by("-published_on")[:5]
    return render(
        request,
        "normdocs/public/search.html",
        {
            "form": form,
            "page": page,
            "error": error,
            "exact": exact,
            "querystring": params.urlencode(),
            "rounds": rounds,
        },
        status=400 if error else 200,
    )


@require_GET
def document(request, pk: int):
    doc = selectors.public_document_get(id=pk)
    return render(request, "normdocs/public/document.html", {"document": doc})


@require_GET
def cleanup_result(request, pk: int):
    row = selectors.cleanup_round_get(user=None, id=pk, published_only=True)
    return render(request, "normdocs/public/cleanup.html", {"round": row})
