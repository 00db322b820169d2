"""The dossier's page forms: experts, advisers, the draw, execution, evaluation, Art. 37 change."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent, Region
from fazhi.decisions import alerts
from fazhi.decisions.choices import ChangeKind, MeetingKind, Stage
from fazhi.decisions.models import Decision, Expert, ExpertDraw, LegalAdviser
from fazhi.decisions.services import execution
from tests.factories import UnitFactory

from .conftest import new_decision, pool, through_participation
from .test_execution import published  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def post(client, url, action, data, version=None):
    body = {f"{action}-{k}": v for k, v in data.items()}
    if version is not None:
        body[f"{action}-version"] = version
    return client.post(f"{url}?action={action}", body)


def test_the_pool_and_the_register_are_kept_from_their_pages(
    government, bureau, reviewer, drafter, nothing_written
):
    office = client_for(reviewer)
    response = office.post(
        reverse("decisions:expert_create"),
        {
            "code": "ZJ0100",
            "name": "赵专家",
            "fields_text": "城乡规划、公共财政",
            "employer": "山西大学",
            "contact": "13800000000",
            "conflict_units": [bureau.pk],
        },
    )
    assert response.status_code == 302
    expert = Expert.objects.get(code="ZJ0100")
    assert expert.fields == ["城乡规划", "公共财政"] and list(expert.conflict_units.all()) == [
        bureau
    ]
    listing = office.get(reverse("decisions:expert_list")).content.decode()
    assert "赵专家" in listing and "13800000000" not in listing  # the contact stays private
    with nothing_written():
        bad = office.post(
            reverse("decisions:expert_create"),
            {"code": "ZJ 01,00", "name": "钱", "fields_text": "城乡规划", "employer": "x"},
        )
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    assert client_for(drafter).get(reverse("decisions:expert_create")).status_code == 403
    response = office.post(
        reverse("decisions:adviser_create"),
        {"name": "王律师", "kind": "public_lawyer", "employer": "县司法局", "unit": bureau.pk},
    )
    assert response.status_code == 302
    assert LegalAdviser.objects.get().get_kind_display() == "公职律师"


def test_the_draw_is_taken_on_the_page_excluding_conflicts_and_seeking_dissent(
    county, government, bureau, drafter, nothing_written
):
    decision = through_participation(new_decision(government, bureau))
    members = pool(county, government, n=4)
    members[1].conflict_units.add(government)
    client = client_for(drafter)
    url = reverse("decisions:decision_detail", args=[decision.pk])
    with nothing_written():
        response = post(client, url, "draw", {"field": "城乡规划", "count": 4}, decision.version)
    assert response.status_code == 200 and "不足4名" in response.content.decode()
    response = post(client, url, "draw", {"field": "城乡规划", "count": 2}, decision.version)
    assert response.status_code == 302
    draw = ExpertDraw.objects.get()
    assert draw.excluded == ["ZJ0002"] and "ZJ0002" not in draw.candidates
    page = client.get(url).content.decode()
    assert draw.commitment in page and 'id="action-run_draw"' in page
    decision.refresh_from_db()
    assert post(client, url, "run_draw", {}, decision.version).status_code == 302
    page = client.get(url).content.decode()
    assert "已按公布的名单和种子复核一致" in page
    decision.refresh_from_db()
    chosen = list(ExpertDraw.objects.get().selected.order_by("code"))
    for expert in chosen:
        response = post(
            client,
            url,
            "opinion",
            {"expert": expert.pk, "text": "方案可行", "given_on": "2026-06-10"},
            decision.version,
        )
        assert response.status_code == 302
        decision.refresh_from_db()
    with nothing_written():
        response = post(
            client,
            url,
            "expert_done",
            {"summary": "均认为可行", "done_on": "2026-06-12"},
            decision.version,
        )
    assert response.status_code == 200 and "第20条" in response.content.decode()
    response = post(
        client,
        url,
        "expert_done",
        {
            "summary": "均认为可行",
            "dissent_note": "抽取范围含持反对意见的财政学者,均未提出不同意见",
            "done_on": "2026-06-12",
        },
        decision.version,
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.stage == Stage.RISK and decision.expert_dissent_note


def test_execution_reports_are_the_units_tasks_and_submitted_from_the_dossier(
    published,  # noqa: F811
    drafter,
    clerk,
    make_user,
    nothing_written,
):
    report = published.reports.get()
    unit = client_for(drafter)
    tasks = unit.get(reverse("decisions:execution_tasks")).content.decode()
    assert published.number in tasks and "2027年1月4日" in tasks
    elsewhere = Region.objects.create(code="140221", name="阳高县")
    outsider = make_user(Role.REPORTER, unit=UnitFactory(name="阳高县住建局", region=elsewhere))
    assert (
        published.number
        not in client_for(outsider).get(reverse("decisions:execution_tasks")).content.decode()
    )
    url = reverse("decisions:decision_detail", args=[published.pk])
    # The body sees the dossier but only the implementing unit reports.
    assert 'id="action-report"' not in client_for(clerk).get(url).content.decode()
    with nothing_written():
        response = post(
            unit, url, "report", {"report": report.pk, "submitted_on": "2027-01-04", "progress": ""}
        )
    assert response.status_code == 200
    response = post(
        unit,
        url,
        "report",
        {
            "report": report.pk,
            "submitted_on": "2027-01-04",
            "progress": "完成改造12个小区",
            "problems": "资金拨付滞后",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.problems == "资金拨付滞后"
    following = published.reports.get(submitted_on=None)
    found = list(alerts.upcoming(following.due_on - dt.timedelta(days=3)))
    assert [a.key for a in found] == [f"decisions.execution_report:{following.pk}"]
    assert found[0].units == (published.implementing_unit_id,)


def test_a_third_party_that_assessed_before_the_decision_does_not_evaluate_it(
    published,  # noqa: F811
    clerk,
    nothing_written,
):
    Decision.objects.filter(pk=published.pk).update(risk_assessor="山西某评估公司")
    published.refresh_from_db()
    client = client_for(clerk)
    url = reverse("decisions:decision_detail", args=[published.pk])
    data = {"trigger": "objections", "evaluator": "山西某评估公司", "third_party": "on"}
    with nothing_written():
        response = post(
            client, url, "evaluate", {**data, "started_on": "2027-03-01"}, published.version
        )
    assert response.status_code == 200 and "第36条第2款" in response.content.decode()
    data["evaluator"] = "山西大学公共管理学院"
    response = post(
        client, url, "evaluate", {**data, "started_on": "2027-03-01"}, published.version
    )
    assert response.status_code == 302
    evaluation = published.evaluations.get()
    response = post(
        client,
        url,
        "evaluation_done",
        {"evaluation": evaluation.pk, "conclusion": "基本达到预期", "completed_on": "2027-05-01"},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.completed_on == dt.date(2027, 5, 1)


def test_the_head_only_suspends_and_a_major_adjustment_is_a_new_dossier(
    published,  # noqa: F811
    nothing_written,
):
    change = dict(
        decision_id=published.pk,
        version=None,
        reason="执行中发生重大变化",
        meeting_on=dt.date(2026, 9, 1),
    )
    with nothing_written(), pytest.raises(Exception) as exc:
        execution.decision_change(
            actor=SYSTEM, kind=ChangeKind.STOP, meeting_kind=MeetingKind.HEAD, **change
        )
    assert "第37条" in exc.value.message and exc.value.fields == {"meeting_kind": exc.value.message}
    with nothing_written(), pytest.raises(Exception) as exc:
        execution.decision_change(
            actor=SYSTEM,
            kind=ChangeKind.CHANGE,
            meeting_kind=MeetingKind.STANDING,
            content="调整补偿标准",
            major=True,
            **change,
        )
    assert exc.value.code == "major_adjustment"
    execution.decision_change(
        actor=SYSTEM, kind=ChangeKind.SUSPEND, meeting_kind=MeetingKind.HEAD, **change
    )
    published.refresh_from_db()
    assert published.stage == Stage.SUSPENDED
    events = AuditEvent.objects.filter(action="decisions.decision_change")
    assert sorted(events.values_list("object_type", flat=True)) == [
        "decisions.decision",
        "decisions.decisionchange",
    ]


def test_a_dossier_is_created_from_a_published_entry_on_its_page(government, bureau, clerk):
    from .conftest import published_catalog

    entry = published_catalog(government, bureau).entries.get()
    response = client_for(clerk).post(
        reverse("decisions:decision_create"),
        {
            "entry": entry.pk,
            "title": "县城老旧小区改造",
            "options": "方案一",
            "justification": "说明",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().entry == entry


def test_a_catalogue_is_created_on_its_page_once_a_year(
    government, clerk, make_user, nothing_written
):
    from fazhi.core import dates
    from fazhi.decisions.models import Catalog

    client = client_for(clerk)
    url = reverse("decisions:catalog_create")
    assert f'value="{dates.today().year}"' in client.get(url).content.decode()
    response = client.post(url, {"year": 2026})
    catalog = Catalog.objects.get()
    assert response.status_code == 302 and response.url == catalog.get_absolute_url()
    with nothing_written():
        again = client.post(url, {"year": 2026})
    assert again.status_code == 200 and "2026年度目录已存在" in again.content.decode()
    unitless = make_user(Role.REPORTER)
    unitless.unit = None
    unitless.save()
    assert client_for(unitless).get(url).status_code == 403


def test_the_procedure_checkboxes_are_laid_out_one_per_row(government, clerk):
    """The wrapper of the 适用程序 checkboxes carried the checkbox class: a 1em box the labels
    wrapped into character by character, over the next card, so 风险评估 and 需要听证 could
    not be clicked."""
    import re

    from fazhi.decisions.services import catalogs

    catalog = catalogs.catalog_create(actor=SYSTEM, body=government, year=2027)
    page = client_for(clerk).get(reverse("decisions:catalog_detail", args=[catalog.pk]))
    html = page.content.decode()
    wrapper = re.search(r'<div id="id_entry-procedures"([^>]*)>', html)
    assert wrapper and "class" not in wrapper.group(1), wrapper
    rows = re.findall(
        r'<div class="form-check"><input type="checkbox" name="entry-procedures" value="(\w+)"'
        r'[^>]*class="form-check-input"[^>]*>\s*<label class="form-check-label" '
        r'for="id_entry-procedures_\d">',
        html,
    )
    assert len(rows) == 5, rows
