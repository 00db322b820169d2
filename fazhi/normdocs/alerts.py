"""Deadline alerts of normdocs (notifications' producer contract): a published document not yet
filed, to the issuer's and drafting unit's reporters before the filing period ends
(`normdocs.filing_days`), and an open legality review, to its reviewer (or, while none is
assigned, every reviewer of the issuer's region) before the review period ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import User
from fazhi.notifications.producers import Alert, horizon

from .choices import Stage
from .models import LegalityReview, NormativeDocument

FILING_LEAD = "notifications.lead_normdocs_filing"
REVIEW_LEAD = "notifications.lead_normdocs_review"


def _filings(on: dt.date) -> Iterator[Alert]:
    docs = NormativeDocument.objects.filter(
        stage=Stage.PUBLISHED, due_on__gte=on, due_on__lte=horizon(on, FILING_LEAD)
    ).select_related("issuer")
    for doc in docs.order_by("due_on", "pk"):
        yield Alert(
            key=f"normdocs.filing:{doc.pk}",
            due_on=doc.due_on,
            title=f"《{doc.title[:60]}》应于 {doc.due_on:%Y-%m-%d} 前报送备案",
            body=doc.doc_number or "",
            url=reverse("normdocs:document_detail", args=[doc.pk]),
            units=tuple(sorted({doc.issuer_id, doc.drafting_unit_id})),
            roles=(Role.REPORTER,),
            region=doc.issuer.region_id,
            lead=FILING_LEAD,
        )


def _reviewers_by_region(regions: set[str]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {code: [] for code in regions}
    for user in User.objects.filter(is_active=True, unit__region_id__in=regions).select_related(
        "unit"
    ):
        if user.has_role(Role.REVIEWER):
            found[user.unit.region_id].append(user.pk)
    return {code: tuple(sorted(ids)) for code, ids in found.items()}


def _reviews(on: dt.date) -> Iterator[Alert]:
    reviews = list(
        LegalityReview.objects.filter(
            decided_on__isnull=True, due_on__gte=on, due_on__lte=horizon(on, REVIEW_LEAD)
        )
        .select_related("document__issuer")
        .order_by("due_on", "pk")
    )
    unassigned = {r.document.issuer.region_id for r in reviews if r.reviewer_id is None}
    reviewers = _reviewers_by_region(unassigned) if unassigned else {}
    for review in reviews:
        doc = review.document
        region = doc.issuer.region_id
        users = (review.reviewer_id,) if review.reviewer_id else reviewers.get(region, ())
        if not users:
            continue
        yield Alert(
            key=f"normdocs.review:{review.pk}",
            due_on=review.due_on,
            title=f"《{doc.title[:60]}》合法性审核应于 {review.due_on:%Y-%m-%d} 前出具意见",
            url=reverse("normdocs:document_detail", args=[doc.pk]),
            users=users,
            region=region,
            lead=REVIEW_LEAD,
        )


def upcoming(on: dt.date) -> Iterator[Alert]:
    yield from _filings(on)
    yield from _reviews(on)
