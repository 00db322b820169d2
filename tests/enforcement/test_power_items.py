"""Issue 14 item 4: matters and penalty cases cite items of their body's published power list
(权责清单) in force; anything else is refused with the reason and nothing is written; a matter
whose item a newer list removed is flagged on the matter list, the API and supervision."""

import pytest
from django.urls import reverse

from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from fazhi.enforcement import selectors, services
from fazhi.enforcement.errors import EnforcementError
from fazhi.enforcement.models import EnforcementMatter, PenaltyCase
from tests.enforcement.test_case_services import file_case

pytestmark = pytest.mark.usefixtures("holidays")


def power_list(unit, year, items, status="published"):
    version = CatalogVersion.objects.create(body=unit, kind="power", year=year, status=status)
    for position, (code, name, kind) in enumerate(items):
        CatalogItem.objects.create(
            catalog=version, position=position, code=code, name=name, power_kind=kind, basis="某法"
        )
    return version


@pytest.fixture
def listed(body, today):
    """The body's list in force: one penalty item, one inspection item."""
    power_list(
        body.unit,
        today.year - 1,
        [
            ("CF-001", "对未取得食品经营许可从事食品经营的处罚", "penalty"),
            ("JC-001", "食品经营监督检查", "inspection"),
        ],
    )
    return {i.code: i for i in CatalogItem.objects.all()}


def _nothing_written(before_events, before_rows, model):
    assert AuditEvent.objects.count() == before_events
    assert model.objects.count() == before_rows


def test_case_cites_an_item_in_force(officer_user, body, officers, standard, valid_uscc, listed):
    case = file_case(
        officer_user, body, officers, standard, valid_uscc, power_item=listed["CF-001"]
    )
    assert PenaltyCase.objects.get(pk=case.pk).power_item == listed["CF-001"]


def test_case_of_a_body_with_a_list_must_cite_one(
    officer_user, body, officers, standard, valid_uscc, listed
):
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        file_case(officer_user, body, officers, standard, valid_uscc)
    assert caught.value.code == EnforcementError.NO_POWER_ITEM
    assert "第三十八条" in caught.value.message and "power_item" in caught.value.fields
    _nothing_written(events, 0, PenaltyCase)


@pytest.mark.parametrize("which", ["inspection", "other_body", "draft", "superseded"])
def test_case_refuses_an_item_not_in_force(
    officer_user, body, other_body, officers, standard, valid_uscc, listed, today, which
):
    if which == "inspection":
        item = listed["JC-001"]
    elif which == "other_body":
        power_list(other_body.unit, today.year, [("CF-009", "他局处罚", "penalty")])
        item = CatalogItem.objects.get(code="CF-009")
    elif which == "draft":
        power_list(body.unit, today.year + 1, [("CF-002", "草稿事项", "penalty")], status="draft")
        item = CatalogItem.objects.get(code="CF-002")
    else:  # the list of an earlier year, replaced by the one in force
        power_list(body.unit, today.year - 3, [("CF-000", "旧清单事项", "penalty")])
        item = CatalogItem.objects.get(code="CF-000")
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        file_case(officer_user, body, officers, standard, valid_uscc, power_item=item)
    assert caught.value.code == EnforcementError.POWER_ITEM
    assert item.code in caught.value.message and "第三十八条" in caught.value.message
    _nothing_written(events, 0, PenaltyCase)


def test_body_without_a_published_list_files_without_an_item(
    officer_user, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    assert case.power_item is None


def test_matter_kind_must_match_its_item(officer_user, body, listed):
    matter = services.matter_create(
        actor=officer_user,
        body=body,
        name="食品经营许可检查",
        matter_type="inspection",
        legal_basis="食品安全法第一百一十条",
        power_item=listed["JC-001"],
    )
    assert matter.power_item == listed["JC-001"]
    events, rows = AuditEvent.objects.count(), EnforcementMatter.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.matter_create(
            actor=officer_user,
            body=body,
            name="食品经营处罚",
            matter_type="penalty",
            legal_basis="食品安全法第一百二十二条",
            power_item=listed["JC-001"],
        )
    assert caught.value.code == EnforcementError.POWER_ITEM
    _nothing_written(events, rows, EnforcementMatter)


def test_removed_item_flagged_then_relinked(client, officer_user, supervisor, body, listed, today):
    matter = services.matter_create(
        actor=officer_user,
        body=body,
        name="食品经营处罚",
        matter_type="penalty",
        legal_basis="食品安全法第一百二十二条",
        power_item=listed["CF-001"],
    )
    assert not selectors.matter_list(user=supervisor, params={"power": "removed"}).exists()
    # This year's list drops CF-001 and lists CF-101 instead.
    power_list(body.unit, today.year, [("CF-101", "对无证经营食品的处罚", "penalty")])
    flagged = selectors.matter_list(user=supervisor, params={"power": "removed"})
    assert list(flagged) == [matter]
    client.force_login(supervisor)
    page = client.get(reverse("enforcement:matter_list")).content.decode()
    assert "权责清单已取消" in page
    assert "removed-matters" in client.get(reverse("enforcement:supervision")).content.decode()
    api = client.get("/api/enforcement/matters?power=removed").json()
    assert api["count"] == 1 and api["items"][0]["power_item_removed"] is True
    client.force_login(officer_user)
    response = client.post(
        reverse("enforcement:body_detail", args=[body.pk]) + "?action=link",
        {"link-matter": matter.pk, "link-power_item": CatalogItem.objects.get(code="CF-101").pk},
    )
    assert response.status_code == 302
    assert not selectors.matter_list(user=supervisor, params={"power": "removed"}).exists()


def test_link_refuses_an_item_of_the_old_list(officer_user, body, listed, today):
    matter = services.matter_create(
        actor=officer_user, body=body, name="处罚", matter_type="penalty", legal_basis="某法"
    )
    power_list(body.unit, today.year, [("CF-101", "新事项", "penalty")])
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.matter_link_power_item(
            actor=officer_user, matter=matter, power_item=listed["CF-001"]
        )
    assert caught.value.code == EnforcementError.POWER_ITEM
    assert AuditEvent.objects.count() == events
    assert EnforcementMatter.objects.get(pk=matter.pk).power_item is None


def test_another_county_never_sees_the_matters(client, make_user, body, other_body, listed):
    from fazhi.core.choices import Role

    services.matter_create(
        actor=make_user(Role.OFFICER, unit=body.unit),
        body=body,
        name="食品经营处罚",
        matter_type="penalty",
        legal_basis="某法",
        power_item=listed["CF-001"],
    )
    stranger = make_user(Role.OFFICER, unit=other_body.unit)
    assert not selectors.matter_list(user=stranger).exists()
    client.force_login(stranger)
    assert client.get("/api/enforcement/matters").json()["count"] == 0
