"""Reads of the decisions app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from fazhi.core.choices import UnitKind
from fazhi.core.errors import NotFound
from fazhi.core.models import AuditEvent, OrgUnit
from fazhi.core.scoping import get_for_user, region_q
from fazhi.plans.indicators import Standing

from .choices import CatalogStatus, CommentStatus, ConsultationStatus
from .filters import CatalogFilter, ConsultationFilter, DecisionFilter, PublicEntryFilter
from .models import (
    Catalog,
    CatalogEntry,
    Comment,
    Consultation,
    Decision,
    ExecutionReport,
    Expert,
    LegalAdvice,
    LegalAdviser,
)
from .services.archive import audit_events
from .services.catalogs import publication_deadline
from .services.dossier import decision_consultation  # noqa: F401 - read by views

# The bodies that keep an annual catalogue (seed measure (九)): governments and their departments.
CATALOG_BODIES = (
    UnitKind.COUNTY_GOVERNMENT,
    UnitKind.GOVERNMENT_DEPARTMENT,
    UnitKind.TOWNSHIP_GOVERNMENT,
)


def _filtered(filterset, params, qs):
    return filterset(params or None, queryset=qs).qs


def catalog_list(*, user, params=None) -> QuerySet:
    qs = Catalog.objects.visible_to(user).select_related("body")
    return _filtered(CatalogFilter, params, qs)


def catalog_get_for_user(*, user, id) -> Catalog:
    qs = Catalog.objects.select_related("body", "previous").prefetch_related(
        Prefetch(
            "entries",
            queryset=CatalogEntry.objects.select_related("lead_unit").prefetch_related(
                "cooperating_units"
            ),
        )
    )
    return get_for_user(qs, user, id)


def decision_list(*, user, params=None) -> QuerySet:
    qs = (
        Decision.objects.visible_to(user)
        .select_related("body", "drafting_unit")
        .only("id", "number", "title", "stage", "published_on", "body__name", "drafting_unit__name")
    )
    return _filtered(DecisionFilter, params, qs)


def decision_get_for_user(*, user, id) -> Decision:
    qs = Decision.objects.select_related(
        "body", "drafting_unit", "review_unit", "implementing_unit", "entry__catalog", "adjusts"
    )
    return get_for_user(qs, user, id)


def accountability(*, user, id) -> tuple[Decision, list[AuditEvent]]:
    """Every step of one decision: who, when, what (from the audit trail)."""
    decision = decision_get_for_user(user=user, id=id)
    return decision, audit_events(decision)


# --- public -------------------------------------------------------------------------------------


def public_entries(*, params=None) -> QuerySet:
    qs = (
        CatalogEntry.objects.filter(catalog__status=CatalogStatus.PUBLISHED)
        .select_related("catalog__body", "lead_unit")
        .only(
            *("id", "sequence", "matter", "scope_text", "goal", "due_on", "procedures", "hearing"),
            *("catalog__year", "catalog__revision", "catalog__status", "catalog__published_on"),
            *("catalog__body__name", "lead_unit__name"),
        )
        .prefetch_related(
            Prefetch("cooperating_units", queryset=OrgUnit.objects.only("id", "name"))
        )
        .order_by("-catalog__year", "catalog__body__name", "sequence")
    )
    return _filtered(PublicEntryFilter, params, qs)


def public_decisions() -> QuerySet:
    """Published decisions, each with the one it adjusts and the published ones adjusting it."""
    published = Decision.objects.filter(published_on__isnull=False)
    return (
        published.select_related("body", "adjusts")
        .prefetch_related(
            Prefetch("adjustments", queryset=published.only("id", "number", "adjusts_id"))
        )
        .order_by("-published_on", "-id")
    )


def public_consultations(*, params=None) -> QuerySet:
    qs = Consultation.objects.select_related("unit").order_by("-opens_on", "-id")
    return _filtered(ConsultationFilter, params, qs)


def public_consultation(*, id) -> Consultation:
    try:
        return Consultation.objects.select_related("unit").get(pk=id)
    except (Consultation.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("记录不存在") from exc


def public_comments(consultation) -> QuerySet:
    return (
        consultation.comments.filter(status=CommentStatus.APPROVED)
        .only("id", "consultation_id", "text", "author_name", "submitted_at")
        .order_by("submitted_at", "id")
    )


def open_consultations(*, as_of: dt.date) -> QuerySet:
    return public_consultations().filter(
        status=ConsultationStatus.OPEN, opens_on__lte=as_of, closes_on__gte=as_of
    )


def pending_comments(*, user, consultation) -> QuerySet:
    return Comment.objects.visible_to(user).filter(
        consultation=consultation, status=CommentStatus.PENDING
    )


# --- seed measure (九): catalogues published on time -------------------------------------------


@dataclass(frozen=True)
class OnTime:
    body: OrgUnit
    catalog: Catalog | None
    published_on: dt.date | None
    deadline: dt.date
    on_time: bool


def catalog_on_time(*, year: int, region: str | None = None) -> list[OnTime]:
    """Per body, whether its catalogue for `year` was first published by the region's deadline
    (`region`: that region and below; None: every body)."""
    bodies = OrgUnit.objects.filter(kind__in=CATALOG_BODIES, is_active=True)
    if region:
        bodies = bodies.filter(region_q("region_id", region))
    firsts = {
        c.body_id: c
        for c in Catalog.objects.filter(year=year, revision=1, body__in=bodies).only(
            "id", "body_id", "year", "revision", "status", "published_on"
        )
    }
    rows = []
    for body in bodies.order_by("name"):
        catalog = firsts.get(body.pk)
        deadline = publication_deadline(year, region=body.region_id)
        published = catalog.published_on if catalog else None
        rows.append(
            OnTime(body, catalog, published, deadline, bool(published and published <= deadline))
        )
    return rows


def catalog_on_time_rate(*, year: int, region: str | None = None) -> float | None:
    rows = catalog_on_time(year=year, region=region)
    if not rows:
        return None
    return round(100 * sum(r.on_time for r in rows) / len(rows), 2)


def catalog_standing(*, year: int, region: str | None = None) -> Standing:
    """Measure (九) for one year: met on the day the last body published (late or not)."""
    return standing_of(catalog_on_time(year=year, region=region))


def standing_of(rows: list[OnTime]) -> Standing:
    missing = tuple(r.body.name for r in rows if r.published_on is None)
    late = tuple(r.body.name for r in rows if r.published_on and not r.on_time)
    met_on = None if missing or not rows else max(r.published_on for r in rows)
    return Standing(met_on=met_on, missing=missing, late=late)


def expert_list(*, user, params=None) -> QuerySet:
    return Expert.objects.visible_to(user).filter(is_active=True).order_by("code")


def adviser_list(*, user, params=None) -> QuerySet:
    """The register of legal advisers and public-sector lawyers, with the decisions they advised on."""
    return (
        LegalAdviser.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related(
            Prefetch("advice", queryset=LegalAdvice.objects.select_related("decision"))
        )
    )


def execution_tasks(*, user, params=None) -> QuerySet:
    """Execution reports still owed (all of them with `?all=1`), for the units that see them."""
    qs = ExecutionReport.objects.visible_to(user).select_related("decision__implementing_unit")
    if not (params or {}).get("all"):
        qs = qs.filter(submitted_on=None)
    return qs
