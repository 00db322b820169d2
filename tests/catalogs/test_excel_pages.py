"""Excel in and out: the import job and its progress, the column mapping page, export per kind."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.catalogs import importing, services
from fazhi.catalogs.choices import ImportStatus
from fazhi.catalogs.models import CatalogItem, CatalogVersion, ColumnMapping, ImportJob
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import approval_row, item, xlsx


def _post(client, body, upload, year=2023):
    return client.post(
        reverse("catalogs:import"),
        {"file": upload, "kind": "approval", "body": body.pk, "year": year},
    )


def test_an_import_runs_as_a_job_and_lands_on_the_draft(client, office, body):
    client.force_login(office)
    response = _post(client, body, xlsx([approval_row(f"A{i}", f"许可{i}") for i in range(3)]))
    catalog = CatalogVersion.objects.get()
    assert response.status_code == 302 and response.url == catalog.get_absolute_url()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.catalog == catalog and job.percent == 100
    assert catalog.item_count == 3
    page = client.get(reverse("catalogs:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "100%" in page.content.decode() and "hx-trigger" not in page.content.decode()


def test_a_bad_row_fails_the_job_and_saves_nothing(client, office, body):
    client.force_login(office)
    events = AuditEvent.objects.count()
    rows = [
        approval_row("A1", "甲"),
        approval_row("A1", "乙"),
        approval_row("A3", "", days=("x", 5)),
    ]
    response = _post(client, body, xlsx(rows))
    text = response.content.decode()
    assert response.status_code == 200
    assert "第4行“事项编码”:与第3行重复" in text
    assert "第5行“事项名称”:必填" in text and "第5行“法定时限(工作日)”" in text
    assert not CatalogVersion.objects.exists() and not CatalogItem.objects.exists()
    assert AuditEvent.objects.count() == events
    assert ImportJob.objects.get().status == ImportStatus.FAILED


def test_a_running_job_is_polled_and_shows_its_progress(client, office, body):
    job = ImportJob.objects.create(
        body=body, kind="approval", year=2023, file=f"catalogs/imports/{body.pk}/清单.xlsx",
        created_by=office, status=ImportStatus.RUNNING, done=1500, total=6000,
    )  # fmt: skip
    client.force_login(office)
    text = client.get(reverse("catalogs:import_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in text and "25%" in text and "1500 / 6000" in text
    assert "· 清单.xlsx</p>" in text  # the file's own name, not the folder it is kept in


def test_another_bodys_job_is_not_found(client, reporter, other_body, office):
    job = ImportJob.objects.create(body=other_body, kind="approval", year=2023, file="x.xlsx")
    client.force_login(reporter)
    assert client.get(reverse("catalogs:import_job", args=[job.pk])).status_code == 404


def test_progress_is_reported_while_reading(monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 10)
    seen = []
    rows = [approval_row(f"A{i}", f"许可{i}") for i in range(45)]
    importing.read(xlsx(rows), kind="approval", progress=lambda n, total: seen.append((n, total)))
    assert [n for n, _t in seen] == [10, 20, 30, 40]
    assert all(total >= n for n, total in seen)


def test_an_import_into_a_published_year_is_refused_on_the_form(client, office, body, make_version):
    published = make_version(2023, [item("A1", "甲许可")])
    client.force_login(office)
    events = AuditEvent.objects.count()
    response = _post(client, body, xlsx([approval_row("B1", "乙许可")]))
    assert response.status_code == 200
    assert "已发布的清单不能修改" in response.content.decode()
    assert list(published.items.values_list("code", flat=True)) == ["A1"]
    assert not ImportJob.objects.exists() and AuditEvent.objects.count() == events


def test_a_file_of_200000_rows_is_refused_and_nothing_is_saved(client, office, body):
    book = Workbook(write_only=True)
    ws = book.create_sheet("行政审批事项")
    ws.append(["事项编码", "事项名称"])
    for i in range(200_000):
        ws.append([f"A{i}", "许可"])
    buf = io.BytesIO()
    book.save(buf)
    client.force_login(office)
    response = _post(client, body, SimpleUploadedFile("big.xlsx", buf.getvalue()))
    text = response.content.decode()
    assert "第20002行“事项编码”:超过20000行上限" in text
    assert not CatalogVersion.objects.exists() and not CatalogItem.objects.exists()


def test_the_mapping_page_saves_names_the_next_import_reads(client, reporter, body):
    client.force_login(reporter)
    url = reverse("catalogs:mapping") + f"?body={body.pk}&kind=approval"
    page = client.get(url).content.decode()
    assert '省级格式列名: <span lang="zh-hans">事项编码</span>' in page
    response = client.post(url, {"code": "编码", "name": "名称"})
    assert response.status_code == 302
    mapping = ColumnMapping.objects.get(body=body, kind="approval")
    assert mapping.columns == {"code": "编码", "name": "名称"}
    assert AuditEvent.objects.filter(action="catalogs.mapping_save").count() == 1
    header = ["编码", "名称", "设定依据", "实施主体"]
    upload = xlsx([["X1", "甲", "《行政许可法》第十二条", "县局"]], header=header)
    _post(client, body, upload)
    assert CatalogItem.objects.get().code == "X1"


def test_the_mapping_refuses_two_fields_under_one_column(client, reporter, body):
    client.force_login(reporter)
    url = reverse("catalogs:mapping") + f"?body={body.pk}&kind=approval"
    response = client.post(url, {"code": "编码", "name": "编码"})
    assert response.status_code == 200
    assert "与“事项编码”的列名重复" in response.content.decode()
    assert not ColumnMapping.objects.exists()


def test_a_reporter_may_not_map_another_bodys_columns(client, reporter, other_body):
    client.force_login(reporter)
    url = reverse("catalogs:mapping") + f"?body={other_body.pk}&kind=approval"
    response = client.get(url)
    assert response.status_code == 200 and 'id="mapping-form"' not in response.content.decode()
    assert client.post(url, {"code": "编码"}).status_code == 200
    assert not ColumnMapping.objects.exists()


def test_export_reads_back_through_the_import_and_escapes_formulas(
    client, office, body, make_version
):
    version = make_version(
        2023, [item("A1", "=HYPERLINK(1)", promise=True), item("A2", "乙许可", fee="-")]
    )
    services.mapping_save(actor=office, body=body, kind="approval", columns={"code": "编码"})
    client.force_login(office)
    response = client.get(reverse("catalogs:version_export", args=[version.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["行政审批事项"]
    header = [c.value for c in book["行政审批事项"][1]]
    assert header[0] == "编码" and header[1] == "事项名称"
    # Text, never a formula, and without an apostrophe added: the file reads back unchanged
    # (an added "'" made every "-" a change that needs a reason on the next import).
    cell = book["行政审批事项"]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")
    rows = importing.read(
        SimpleUploadedFile("x.xlsx", response.content), kind="approval", columns={"code": "编码"}
    )
    fields = ("code", "name", "fee", "promise")
    assert [tuple(r[f] for f in fields) for r in rows] == [
        ("A1", "=HYPERLINK(1)", "", True),
        ("A2", "乙许可", "-", False),
    ]


def test_a_bodys_year_exports_one_sheet_per_kind(client, office, body, make_version):
    make_version(2023, [item("A1", "甲许可")])
    make_version(2023, [item("Z1", "无犯罪记录证明")], kind="certification", published=False)
    client.force_login(office)
    response = client.get(reverse("catalogs:body_export") + f"?body={body.pk}&year=2023")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["行政审批事项", "证明事项"]
    # each kind's own header: a certification list's implementing body is its 索要单位
    headers = [[c.value for c in next(ws.iter_rows(min_row=1, max_row=1))] for ws in book]
    assert "实施主体" in headers[0] and "索要单位" in headers[1] and "实施主体" not in headers[1]


def test_a_reporter_cannot_export_another_bodys_draft(client, reporter, other_body, make_version):
    draft = make_version(2023, [item("A1", "甲许可")], unit=other_body, published=False)
    client.force_login(reporter)
    assert client.get(reverse("catalogs:version_export", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx"])
def test_the_portal_downloads_a_published_version_as_excel(client, body, make_version, fmt):
    version = make_version(2023, [item("A1", "甲许可")])
    response = client.get(reverse("portal:catalogs:download", args=[version.pk, fmt]))
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["行政审批事项"]
