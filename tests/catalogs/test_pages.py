import datetime as dt

from django.urls import reverse

from fazhi.catalogs.choices import VersionStatus
from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import approval_row, item, xlsx


def test_version_list_and_detail_for_the_office(client, office, body, make_version, query_count):
    make_version(2022, [item("A1", "甲许可"), item("A2", "乙许可")])
    draft = make_version(2023, [item("A1", "甲许可", promised_days=3)], published=False)
    client.force_login(office)
    with query_count("list"):
        listing = client.get(reverse("catalogs:version_list"))
    assert listing.status_code == 200
    assert "天镇县行政审批服务管理局" in listing.content.decode()
    page = client.get(draft.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "缺少变更理由" in text  # the check's findings are shown before the check is asked for
    assert 'name="check-version"' in text
    assert 'name="publish-version"' not in text


def test_check_refusal_is_shown_on_the_form_and_nothing_changes(
    client, reviewer, body, make_version
):
    draft = make_version(2023, [item("A1", "甲", basis="")], published=False)
    client.force_login(reviewer)
    before = AuditEvent.objects.count()
    response = client.post(
        f"{draft.get_absolute_url()}?action=check",
        {"check-version": 1, "check-checked_on": "2023-03-01"},
    )
    assert response.status_code == 200
    assert "未通过审核" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (VersionStatus.DRAFT, 1)
    assert AuditEvent.objects.count() == before


def test_a_reporter_sees_only_its_own_bodys_versions(client, reporter, other_body, make_version):
    mine = make_version(2023, [item("A1", "甲")], published=False)
    theirs = make_version(2023, [item("B1", "乙")], unit=other_body, published=False)
    client.force_login(reporter)
    listing = client.get(reverse("catalogs:version_list")).content.decode()
    assert mine.get_absolute_url() in listing
    assert theirs.get_absolute_url() not in listing
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("catalogs:version_diff", args=[theirs.pk])).status_code == 404
    foreign_item = theirs.items.get()
    assert client.get(reverse("catalogs:power_detail", args=[foreign_item.pk])).status_code == 404


def test_two_counties_see_only_their_own_and_the_city_both(
    client, make_user, body, yanggao, make_version
):
    from tests.factories import RegionFactory, UnitFactory

    tianzhen = make_version(2023, [item("A1", "甲")], published=False)
    other = make_version(2023, [item("B1", "乙")], unit=yanggao, published=False)
    county = make_user(Role.SUPERVISOR)
    neighbour = make_user(
        Role.SUPERVISOR, unit=UnitFactory(name="阳高县司法局", region=yanggao.region)
    )
    city_unit = UnitFactory(name="大同市司法局", region=RegionFactory(code="140200", name="大同市"))
    city = make_user(Role.SUPERVISOR, unit=city_unit)
    for user, seen, hidden in (
        (county, [tianzhen], [other]),
        (neighbour, [other], [tianzhen]),
        (city, [tianzhen, other], []),
    ):
        client.force_login(user)
        listing = client.get(reverse("catalogs:version_list")).content.decode()
        for v in seen:
            assert v.get_absolute_url() in listing
            assert client.get(v.get_absolute_url()).status_code == 200
        for v in hidden:
            assert v.get_absolute_url() not in listing
            assert client.get(v.get_absolute_url()).status_code == 404


def test_full_flow_through_the_pages(client, office, reviewer, body, make_version):
    base = make_version(2022, [item("A1", "甲许可"), item("A2", "乙许可"), item("A3", "丙许可")])
    client.force_login(office)
    upload = xlsx(
        [
            approval_row("A1", "甲许可", days=(20, 3), reason="压缩时限"),
            approval_row("A3", "丙许可", reason="补录收费标准"),
        ]
    )
    response = client.post(
        reverse("catalogs:import"),
        {"file": upload, "kind": "approval", "body": body.pk, "year": 2023, "note": ""},
    )
    draft = CatalogVersion.objects.get(year=2023)
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert draft.previous_id == base.pk
    diff = client.get(reverse("catalogs:version_diff", args=[draft.pk])).content.decode()
    assert "压减 33.3%" in diff
    assert "<del>5</del> → <ins>3</ins>" in diff
    url = draft.get_absolute_url()
    client.post(
        f"{url}?action=reason",
        {"reason-version": 1, "reason-code": "A2", "reason-reason": "取消审批"},
    )
    client.force_login(reviewer)
    checked = client.post(
        f"{url}?action=check", {"check-version": 2, "check-checked_on": "2023-03-01"}
    )
    assert checked.status_code == 302, checked.content.decode()[-3000:]
    client.force_login(office)
    client.post(
        f"{url}?action=approve", {"approve-version": 3, "approve-approved_on": "2023-03-02"}
    )
    done = client.post(
        f"{url}?action=publish", {"publish-version": 4, "publish-published_on": "2023-03-03"}
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.published_on) == (VersionStatus.PUBLISHED, dt.date(2023, 3, 3))


def test_import_page_shows_row_errors_and_saves_nothing(client, office, body):
    client.force_login(office)
    upload = xlsx([approval_row("A1", "甲"), approval_row("A1", "乙")])
    response = client.post(
        reverse("catalogs:import"),
        {"file": upload, "kind": "approval", "body": body.pk, "year": 2023},
    )
    assert response.status_code == 200
    assert "第4行“事项编码”:与第3行重复" in response.content.decode()
    assert not CatalogVersion.objects.exists()
    assert not CatalogItem.objects.exists()


def test_import_page_is_refused_to_a_leader(client, leader):
    client.force_login(leader)
    assert client.get(reverse("catalogs:import")).status_code == 403


def test_import_for_another_body_is_not_offered_to_a_reporter(client, reporter, other_body):
    client.force_login(reporter)
    upload = xlsx([approval_row("A1", "甲")])
    response = client.post(
        reverse("catalogs:import"),
        {"file": upload, "kind": "approval", "body": other_body.pk, "year": 2023},
    )
    assert response.status_code == 200
    assert not CatalogVersion.objects.exists()


def test_diff_of_versions_of_different_bodies_is_refused(
    client, office, body, other_body, make_version
):
    mine = make_version(2023, [item("A1", "甲")])
    theirs = make_version(2022, [item("A1", "甲")], unit=other_body)
    client.force_login(office)
    page = client.get(reverse("catalogs:version_diff", args=[mine.pk]), {"against": theirs.pk})
    assert page.status_code == 200
    assert "只能比较同一单位同一类清单的两个版本" in page.content.decode()


def test_power_items_list_penalty_and_inspection_powers(
    client, office, other_body, make_version, query_count
):
    make_version(
        2025,
        [
            item("P1", "对无证经营的处罚", power_kind="penalty"),
            item("P2", "食品经营监督检查", power_kind="inspection"),
            item("P3", "食品经营许可", power_kind="licensing"),
        ],
        unit=other_body,
        kind="power",
    )
    client.force_login(office)
    with query_count("list"):
        text = client.get(reverse("catalogs:power_list")).content.decode()
    assert "对无证经营的处罚" in text and "食品经营监督检查" in text
    assert "食品经营许可" not in text
