"""Region tenancy: two counties of one city; no county's users see the other's rows, the
city's supervisor sees both. And a stale page form is refused with nothing written."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.choices import Role, UnitKind
from fazhi.core.models import AuditEvent
from fazhi.normdocs import services
from fazhi.normdocs.choices import Stage
from fazhi.normdocs.importing import RegistryRow
from fazhi.normdocs.models import NormativeDocument
from tests.factories import RegionFactory, UnitFactory
from tests.normdocs.conftest import CLEAN_BODY

COUNTIES = {"140222": "天镇县", "140221": "阳高县"}


@pytest.fixture
def counties(db, make_user, today):
    city = RegionFactory(code="140200", name="大同市")
    out = {"city": make_user(Role.SUPERVISOR, unit=UnitFactory(name="大同市司法局", region=city))}
    for code, name in COUNTIES.items():
        region = RegionFactory(code=code, name=name)
        department = UnitFactory(name=f"{name}市场监督管理局", region=region)
        bureau = UnitFactory(name=f"{name}司法局", region=region)
        office = UnitFactory(name=f"{name}依法治县办", region=region, kind=UnitKind.PARTY_BODY)
        users = {
            "supervisor": make_user(Role.SUPERVISOR, unit=office),
            "leader": make_user(Role.LEADER, unit=office),
            "reviewer": make_user(Role.REVIEWER, unit=bureau),
            "reporter": make_user(Role.REPORTER, unit=department),
        }
        title = f"{name}帮办代办工作办法"
        # A registered document, expired, so it is on the registry and on the cleanup list;
        services.normdoc_import(
            actor=users["reviewer"],
            rows=[
                RegistryRow(
                    source="t",
                    title=f"{name}旧办法",
                    doc_number=f"{name[0]}政办发〔2019〕1号",
                    issuer="",
                    published_on=dt.date(2019, 3, 1),
                    effective_on=dt.date(2019, 4, 1),
                    valid_until=dt.date(2021, 4, 1),
                    body="第一条 正文。",
                )
            ],
            default_issuer=department,
        )
        # a draft in legality review, overdue; a published document waiting to be filed.
        draft = services.normdoc_create(
            actor=users["reporter"], title=title, issuer=department, body=CLEAN_BODY
        )
        services.normdoc_open_comment(
            actor=users["reporter"], document=draft, started_on=today - dt.timedelta(days=90)
        )
        review = services.normdoc_submit_for_review(
            actor=users["reporter"], document=draft, submitted_on=today - dt.timedelta(days=50)
        )
        services.cleanup_round_create(
            actor=users["supervisor"], title=f"{name}2026年清理", started_on=today
        )
        out[code] = {"users": users, "draft": draft, "review": review, "name": name}
    return out


PAGES = [
    ("normdocs:document_list", {}),
    ("normdocs:review_list", {"all": "1"}),
    ("normdocs:filing_list", {}),
    ("normdocs:overdue_list", {"within": "90"}),
    ("normdocs:cleanup", {"kind": "expired"}),
]


@pytest.mark.parametrize("own", list(COUNTIES))
@pytest.mark.parametrize("role", ["supervisor", "leader", "reviewer", "reporter"])
def test_no_county_sees_the_other(client, counties, own, role):
    other = next(c for c in COUNTIES if c != own)
    user = counties[own]["users"][role]
    client.force_login(user)
    mine, theirs = counties[own]["name"], counties[other]["name"]
    for name, params in PAGES:
        response = client.get(reverse(name), params)
        html = response.content.decode()
        if response.status_code == 403:
            assert role == "reporter" and name == "normdocs:overdue_list"
            continue
        assert theirs not in html, (role, name)
        if name in ("normdocs:document_list", "normdocs:review_list", "normdocs:cleanup"):
            assert mine in html, (role, name)
    for url in (
        reverse("normdocs:document_detail", args=[counties[other]["draft"].pk]),
        reverse("normdocs:review_detail", args=[counties[other]["review"].pk]),
        reverse("normdocs:cleanup_round", args=[_round(theirs).pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.get(
            reverse("normdocs:document_detail", args=[counties[own]["draft"].pk])
        ).status_code
        == 200
    )
    documents = client.get("/api/normdocs/documents").json()["items"]
    assert documents and all(theirs not in d["title"] for d in documents)
    assert any(mine in d["title"] for d in documents)
    overdue = client.get("/api/normdocs/overdue")
    if overdue.status_code == 200:
        assert [d["title"] for d in overdue.json()["items"]] == [f"{mine}帮办代办工作办法"]


def _round(county_name):
    from fazhi.normdocs.models import CleanupRound

    return CleanupRound.objects.get(title=f"{county_name}2026年清理")


def test_the_city_supervisor_sees_both_counties(client, counties):
    client.force_login(counties["city"])
    for name, params in PAGES:
        html = client.get(reverse(name), params).content.decode()
        if name != "normdocs:filing_list":
            assert "天镇县" in html and "阳高县" in html, name
    titles = {d["title"] for d in client.get("/api/normdocs/documents").json()["items"]}
    assert {"天镇县帮办代办工作办法", "阳高县帮办代办工作办法"} <= titles
    for code in COUNTIES:
        url = reverse("normdocs:review_detail", args=[counties[code]["review"].pk])
        assert client.get(url).status_code == 200


def test_a_stale_page_form_is_refused_and_nothing_is_written(
    client, make_draft, reporter, make_user
):
    """Two users open the same draft; the first opens the comment period, the second's page
    still carries the old version: its submission is refused on the form."""
    draft = make_draft()
    colleague = make_user(Role.REPORTER, unit=reporter.unit)
    url = reverse("normdocs:document_detail", args=[draft.pk])
    client.force_login(colleague)
    stale_page = client.get(url).content.decode()
    assert 'name="open_comment-version" value="1"' in stale_page
    client.force_login(reporter)
    started = dt.date.today() - dt.timedelta(days=3)
    done = client.post(
        reverse("normdocs:document_action", args=[draft.pk, "open_comment"]),
        {"open_comment-version": 1, "open_comment-started_on": started.isoformat()},
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    events = AuditEvent.objects.filter(action__startswith="normdocs.")  # logins are audited too
    seen = (draft.version, draft.comment_started_on, draft.stage, events.count())
    # The colleague's form, still at version 1, now for an edit of the text.
    client.force_login(colleague)
    refused = client.post(
        reverse("normdocs:document_edit", args=[draft.pk]),
        {"version": 1, "title": "另一标题", "legal_basis": "", "body": "另一正文"},
    )
    assert refused.status_code == 200 and "已被他人修改" in refused.content.decode()
    refused = client.post(
        reverse("normdocs:document_action", args=[draft.pk, "open_comment"]),
        {"open_comment-version": 1, "open_comment-started_on": dt.date.today().isoformat()},
    )
    assert refused.status_code == 400 and "已被他人修改" in refused.content.decode()
    draft.refresh_from_db()
    assert (
        draft.version,
        draft.comment_started_on,
        draft.stage,
        events.count(),
    ) == seen
    assert draft.title == "政务服务帮办代办工作办法" and draft.stage == Stage.PUBLIC_COMMENT
    assert NormativeDocument.objects.count() == 1
