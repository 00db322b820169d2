"""What decisions publishes (重大行政决策程序暂行条例 Arts. 3, 32): the published catalogues of
decision items and the decisions made public. Minutes, dissent and the head's name stay inside."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core.datasets import Dataset

from .choices import CatalogStatus
from .models import CatalogEntry, Decision

DATASETS = [
    Dataset(
        key="decisions.catalog_entries",
        label=gettext_noop("重大行政决策事项目录"),
        publisher=gettext_noop("各决策机关"),
        frequency=gettext_noop("每年"),
        model=CatalogEntry,
        published=Q(catalog__status=CatalogStatus.PUBLISHED),
        related=("catalog__body", "lead_unit"),
        fields={
            "body": "catalog.body.name",
            "year": "catalog.year",
            "sequence": "sequence",
            "matter": "matter",
            "scope": "scope_text",
            "lead_unit": "lead_unit.name",
            "due_on": "due_on",
            "procedures": "procedures",
            "hearing": "hearing",
            "updated_at": "catalog.updated_at",
        },
        updated_field="catalog__updated_at",
        public=True,
    ),
    Dataset(
        key="decisions.published_decisions",
        label=gettext_noop("已公布的重大行政决策"),
        publisher=gettext_noop("各决策机关"),
        frequency=gettext_noop("实时"),
        model=Decision,
        published=Q(published_on__isnull=False),
        related=("body", "drafting_unit"),
        fields={
            "number": "number",
            "title": "title",
            "body": "body.name",
            "drafting_unit": "drafting_unit.name",
            "stage": "stage",
            "published_on": "published_on",
            "updated_at": "updated_at",
        },
        public=True,
    ),
]
