"""What normdocs publishes for other systems and as open data (seed (二十七): 统一公开查询)."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core import dates
from fazhi.core.datasets import Dataset

from .models import NormativeDocument


def in_force(qs):
    """Published, not repealed, not expired (today)."""
    today = dates.today()
    return (
        qs.published()
        .filter(Q(repealed_on__isnull=True) | Q(repealed_on__gt=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


DATASETS = [
    Dataset(
        key="normdocs.documents_in_force",
        label=gettext_noop("现行有效行政规范性文件"),
        publisher=gettext_noop("司法局"),
        frequency=gettext_noop("实时"),
        model=NormativeDocument,
        published=in_force,
        related=("issuer",),
        fields={
            "doc_number": "doc_number",
            "registration_number": "registration_number",
            "title": "title",
            "issuer": "issuer.name",
            "published_on": "published_on",
            "effective_on": "effective_on",
            "valid_until": "valid_until",
            "updated_at": "updated_at",
        },
        public=True,
    ),
]
