"""Database states built once per test run and restored into each test that asks for one.

Loading the demo (directory, accounts, the seed plan and months of supervision through the
audited services) takes seconds; restoring the rows it wrote takes milliseconds. A state is
built once per session (per xdist worker) inside a transaction that is rolled back, so the
test database stays empty for every other test; what the build wrote is kept in memory and
written back, primary keys and all, inside the test's own transaction.

This is pytest-django's `django_db_setup` pattern (data made once per run) without leaving the
data in the database: most tests of the suite assume an empty one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction


def _models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _rows() -> dict[tuple[str, object], dict]:
    rows = {}
    for model in _models():
        for row in serializers.serialize("python", model._default_manager.order_by("pk")):
            rows[(row["model"], row["pk"])] = row
    return rows


class Snapshot:
    """The rows a builder added or changed, ready to be written back."""

    def __init__(self, rows: list[dict]):
        self.rows = rows

    @classmethod
    def build(cls, builder: Callable[[], None]) -> Snapshot:
        with transaction.atomic():
            before = _rows()
            builder()
            after = _rows()
            transaction.set_rollback(True)
        cache.clear()
        return cls([row for key, row in after.items() if before.get(key) != row])

    def restore(self) -> None:
        """Insert the new rows in bulk, update the changed ones; then reset the sequences."""
        new: dict[type, list] = defaultdict(list)
        m2m = []
        present = _present(self.rows)
        for wrapped in serializers.deserialize("python", self.rows):
            obj = wrapped.object
            key = (obj._meta.label_lower, obj.pk)
            if key in present:
                wrapped.save()
            else:
                new[type(obj)].append(obj)
                if wrapped.m2m_data:
                    m2m.append(wrapped)
        for model, objs in new.items():
            model._default_manager.bulk_create(objs, batch_size=500)
        for wrapped in m2m:
            for name, values in wrapped.m2m_data.items():
                getattr(wrapped.object, name).set(values)
        statements = connection.ops.sequence_reset_sql(no_style(), list(new))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        cache.clear()


def _present(rows: list[dict]) -> set[tuple[str, object]]:
    """Which of the rows are in the database already (the audit head, a user the build changed)."""
    wanted: dict[str, list] = defaultdict(list)
    for row in rows:
        wanted[row["model"]].append(row["pk"])
    keys = set()
    for label, pks in wanted.items():
        model = apps.get_model(label)
        found = model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        keys.update((label, pk) for pk in found)
    return keys
