"""What catalogs publishes for other systems and as open data (权责清单、行政许可事项清单 …):
the items of every published version. A published version is never edited (a change is a new
version), so its `updated_at` dates each item."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core.datasets import Dataset

from .choices import VersionStatus
from .models import CatalogItem

DATASETS = [
    Dataset(
        key="catalogs.published_items",
        label=gettext_noop("已发布清单事项"),
        publisher=gettext_noop("各清单编制单位"),
        frequency=gettext_noop("每次发布"),
        model=CatalogItem,
        published=Q(catalog__status=VersionStatus.PUBLISHED),
        related=("catalog__body",),
        fields={
            "body": "catalog.body.name",
            "kind": "catalog.kind",
            "year": "catalog.year",
            "published_on": "catalog.published_on",
            "code": "code",
            "name": "name",
            "basis": "basis",
            "implementing_body": "implementing_body",
            "power_kind": "power_kind",
            "statutory_days": "statutory_days",
            "promised_days": "promised_days",
            "fee": "fee",
            "updated_at": "catalog.updated_at",
        },
        updated_field="catalog__updated_at",
        public=True,
    ),
]
