"""Art. 37: a major adjustment opens a new dossier linked both ways to the decision it adjusts,
on the pages, in the public API and in both archives' manifests."""

import datetime as dt
import json
import zipfile

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.decisions.choices import ChangeKind, MeetingKind, Procedure, Stage
from fazhi.decisions.models import Decision
from fazhi.decisions.services import execution
from fazhi.decisions.services.archive import decision_export_archive

from .test_execution import published  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _adjust(decision, actor=SYSTEM, **kw):
    args = dict(
        reason="中央财政补助政策调整,改造范围扩大到2005年以前建成的小区",
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2027, 3, 2),
        title="天镇县老旧小区改造三年行动方案(调整)",
        options="改造范围扩大到2005年以前建成的小区",
        justification="依据新的补助政策",
    )
    args.update(kw)
    return execution.decision_adjust_major(
        actor=actor, decision_id=decision.pk, version=None, **args
    )


def test_a_major_adjustment_opens_a_new_dossier_linked_both_ways(published):  # noqa: F811
    new = _adjust(published)
    assert new.adjusts == published and new.stage == Stage.DRAFTING
    assert new.procedures == published.procedures and new.body == published.body
    assert new.entry == published.entry  # the catalogue's hearing requirement goes with it
    assert list(published.adjustments.all()) == [new]
    change = published.changes.get(kind=ChangeKind.MAJOR)
    assert change.content == new.number and change.meeting_on == dt.date(2027, 3, 2)
    published.refresh_from_db()
    assert published.stage == Stage.PUBLISHED  # in force until its own procedure changes it


def test_a_major_adjustment_is_refused_without_its_procedure(
    published,  # noqa: F811
    make_user,
    justice,
    nothing_written,
):
    outsider = make_user(Role.REPORTER, unit=justice)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _adjust(published, reason=" ")
    assert "第37条" in exc.value.message
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _adjust(published, meeting_kind=MeetingKind.HEAD)
    assert "第37条" in exc.value.message
    with nothing_written(), pytest.raises(ApplicationError):
        _adjust(published, meeting_on=dt.date(2026, 7, 1))
    with nothing_written(), pytest.raises(PermissionDenied):
        _adjust(published, actor=outsider)
    _adjust(published)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _adjust(published)
    assert exc.value.code == "major_adjustment"


def test_a_decision_not_in_force_is_not_adjusted(government, bureau, nothing_written):
    from .conftest import new_decision

    draft = new_decision(
        government, bureau, procedures=[Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION]
    )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _adjust(draft)
    assert "第37条" in exc.value.message
    assert not Decision.objects.filter(adjusts=draft).exists()


def test_both_dossiers_show_the_link_and_the_archives_carry_it(
    published,  # noqa: F811
    client,
    supervisor,
    tmp_path,
):
    new = _adjust(published)
    client.force_login(supervisor)
    page = client.get(f"/decisions/{published.pk}/").content.decode()
    assert 'id="adjusted-to-' in page and new.number in page and "调整为" in page
    page = client.get(f"/decisions/{new.pk}/").content.decode()
    assert 'id="adjusts"' in page and published.number in page and "调整自" in page

    manifest = decision_export_archive(actor=SYSTEM, decision_id=published.pk, out=tmp_path / "a")
    assert manifest["decision"]["adjusted_to"] == [new.number]
    assert manifest["decision"]["adjusts"] is None
    manifest = decision_export_archive(actor=SYSTEM, decision_id=new.pk, out=tmp_path / "b")
    assert manifest["decision"]["adjusts"] == published.number
    with zipfile.ZipFile(tmp_path / "b") as zf:
        assert f"调整自:{published.number}" in zf.read("dossier/决策方案.txt").decode()
        assert json.loads(zf.read("manifest.json"))["decision"]["adjusts"] == published.number


def test_the_public_api_lists_published_decisions_with_their_adjustments(
    published,  # noqa: F811
    client,
):
    new = _adjust(published)
    rows = client.get("/api/public/decisions/decisions").json()["items"]
    # The adjustment is a draft: not public yet, and not named on the original.
    assert [(r["number"], r["adjusts"], r["adjusted_to"]) for r in rows] == [
        (published.number, None, [])
    ]
    Decision.objects.filter(pk=new.pk).update(
        stage=Stage.PUBLISHED, published_on=dt.date(2027, 6, 1)
    )
    rows = {r["number"]: r for r in client.get("/api/public/decisions/decisions").json()["items"]}
    assert rows[published.number]["adjusted_to"] == [new.number]
    assert rows[new.number]["adjusts"] == published.number


def test_the_decisions_endpoint_is_documented(client, supervisor):
    client.force_login(supervisor)
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/public/decisions/decisions"]["get"]
    assert operation["summary"] == "已公布的重大行政决策"


def test_the_adjustment_keeps_its_matter_after_the_catalogue_was_adjusted(published):  # noqa: F811
    from fazhi.decisions.choices import CatalogStatus
    from fazhi.decisions.services import catalogs

    catalog = published.entry.catalog
    revision = catalogs.catalog_adjust(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, reason="年中调整"
    )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=revision.pk,
        version=None,
        approved_on=dt.date(2026, 8, 1),
        approval_ref="县委常委会",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=revision.pk, version=None, published_on=dt.date(2026, 8, 3)
    )
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.SUPERSEDED
    new = _adjust(published)
    assert new.entry_id == published.entry_id
