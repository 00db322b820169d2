"""Public enforcement pages (执法公示): before (bodies, officers, matters) and after (decisions, draws)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core.listing import listing
from fazhi.core.masking import mask_name, mask_resident_id

from . import selectors
from .views.supervision import draw_file


def public_party(case) -> tuple[str, str]:
    """The party as the public sees it: natural persons masked, organisations in full."""
    if case.party_kind == "person":
        return mask_name(case.party_name), mask_resident_id(case.party_resident_id)
    return case.party_name, case.party_uscc


@require_GET
def index(request):
    return render(request, "enforcement/public/index.html", {"bodies": selectors.public_bodies()})


@require_GET
def decision_list(request):
    qs = selectors.public_decisions(query=request.GET.get("q", "").strip()[:100])
    page = listing(
        request,
        qs,
        sortable={"decided_on": "decided_on", "number": "number"},
        default_sort="-decided_on",
        per_page=30,
    )
    rows = [(c, *public_party(c)) for c in page.rows]
    return render(
        request,
        "enforcement/public/decision_list.html",
        {"listing": page, "rows": rows, "filters": request.GET},
    )


@require_GET
def decision_detail(request, case_id: int):
    case = selectors.public_decisions().filter(pk=case_id).first()
    if case is None:
        raise Http404(_("决定不存在或未公示"))
    name, ident = public_party(case)
    return render(
        request,
        "enforcement/public/decision_detail.html",
        {"case": case, "party_name": name, "party_id": ident},
    )


@require_GET
def draw_list(request):
    page = listing(
        request,
        selectors.public_draws(),
        sortable={"committed_at": "committed_at"},
        default_sort="-committed_at",
        per_page=30,
    )
    return render(request, "enforcement/public/draw_list.html", {"listing": page})


@require_GET
def draw_detail(request, draw_id: int):
    row = selectors.public_draw(draw_id)
    page = listing(
        request,
        selectors.public_draw_visits(row),
        sortable={"rank": "rank"},
        default_sort="rank",
        per_page=100,
    )
    return render(request, "enforcement/public/draw_detail.html", {"draw": row, "listing": page})


public_draw_file = require_GET(draw_file)
