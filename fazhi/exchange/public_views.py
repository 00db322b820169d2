"""The open-data page: every public dataset with its publisher, frequency, licence, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core.datasets import record, registry


def _public() -> dict:
    return {k: d for k, d in registry().items() if d.public}


@require_GET
def dataset_list(request):
    datasets = []
    for dataset in _public().values():
        latest = (
            dataset.rows(None)
            .order_by(f"-{dataset.updated_field}")
            .values_list(dataset.updated_field, flat=True)
            .first()
        )
        datasets.append(
            {
                "key": dataset.key,
                "label": _(dataset.label),
                "publisher": _(dataset.publisher),
                "frequency": _(dataset.frequency),
                "licence": dataset.licence,
                "updated": latest,
            }
        )
    return render(request, "exchange/dataset_list.html", {"datasets": datasets})


# A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or return before one), as in
# the kernel's Excel exports: written as text by a leading apostrophe. The JSON stays exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """One value as a CSV cell: lists (a decision's procedures) joined, never as Python's repr
    of the list, and text a spreadsheet would run as a formula neutralised."""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_lines(dataset):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", *dataset.fields])
    yield "\ufeff" + buffer.getvalue()  # BOM: Excel opens the Chinese text correctly
    for row in dataset.rows(None).order_by("pk").iterator(chunk_size=2000):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_cell(v) for v in record(dataset, row).values()])
        yield buffer.getvalue()


def _json_chunks(dataset):
    yield "["
    for i, row in enumerate(dataset.rows(None).order_by("pk").iterator(chunk_size=2000)):
        yield ("," if i else "") + json.dumps(record(dataset, row), ensure_ascii=False)
    yield "]"


@require_GET
def dataset_download(request, key: str, fmt: str):
    dataset = _public().get(key)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404(_("数据集不存在"))
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv_lines(dataset), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            _json_chunks(dataset), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{key}.{fmt}"'
    return response
