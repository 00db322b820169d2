import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook

from fazhi.catalogs import services
from fazhi.catalogs.kinds import COLUMNS, KINDS
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from tests.factories import RegionFactory, UnitFactory

APPROVAL_HEADER = [COLUMNS[f] for f in KINDS["approval"].fields]


def approval_row(
    code,
    name,
    *,
    basis="《中华人民共和国行政许可法》第十二条",
    days=(20, 5),
    promise="否",
    reason="",
):
    return [
        code,
        name,
        basis,
        "天镇县行政审批服务管理局",
        days[0],
        days[1],
        "不收费",
        promise,
        reason,
    ]


def xlsx(rows, *, header=APPROVAL_HEADER, sheet="行政审批事项", name="list.xlsx", title=True):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append(["天镇县行政审批事项清单(2023年版)"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def item(code, name, **extra):
    row = {
        "code": code,
        "name": name,
        "basis": "《中华人民共和国行政许可法》第十二条",
        "implementing_body": "天镇县行政审批服务管理局",
        "statutory_days": 20,
        "promised_days": 5,
        "promise": False,
    }
    row.update(extra)
    return row


@pytest.fixture
def body(db):
    return UnitFactory(name="天镇县行政审批服务管理局")


@pytest.fixture
def other_body(db):
    return UnitFactory(name="天镇县市场监督管理局")


@pytest.fixture
def reporter(make_user, body):
    return make_user(Role.REPORTER, unit=body)


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER)


@pytest.fixture
def office(make_user):
    """The county's rule-of-law office (supervisor) in Tianzhen."""
    return make_user(Role.SUPERVISOR)


def publish(catalog, on=dt.date(2023, 3, 1)):
    with transaction.atomic():
        services.version_check(actor=SYSTEM, catalog_id=catalog.pk, version=None, checked_on=on)
        services.version_approve(
            actor=SYSTEM,
            catalog_id=catalog.pk,
            version=None,
            approved_on=on,
            approval_ref="天政函〔2023〕1号",
        )
        services.version_publish(actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=on)
    catalog.refresh_from_db()
    return catalog


@pytest.fixture
def make_version(body):
    def _make(year, items, *, unit=None, kind="approval", published=True, reasons=None):
        catalog = services.version_import(
            actor=SYSTEM,
            body=unit or body,
            kind=kind,
            year=year,
            items=[{**i, "position": n} for n, i in enumerate(items, 1)],
            removal_reasons=reasons,
        )
        return publish(catalog, dt.date(year, 3, 1)) if published else catalog

    return _make


@pytest.fixture
def yanggao(db):
    region = RegionFactory(code="140221", name="阳高县")
    return UnitFactory(name="阳高县行政审批服务管理局", region=region)
