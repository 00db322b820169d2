"""Pages, the portal and the public API of the decisions app."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent, Region
from fazhi.decisions.choices import CommentStatus, Stage
from fazhi.decisions.models import Comment, Decision
from fazhi.decisions.services import consultations, dossier
from tests.factories import UnitFactory

from .conftest import new_decision, published_catalog, through_participation

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_lists_render_for_the_body_with_exact_queries(government, bureau, clerk, query_count):
    new_decision(government, bureau)
    client = client_for(clerk)
    with query_count("catalog list"):
        page = client.get(reverse("decisions:catalog_list"))
    assert page.status_code == 200 and "天镇县人民政府" in page.content.decode()
    with query_count("decision list"):
        page = client.get(reverse("decisions:decision_list"))
    assert "天镇县老旧小区改造三年行动方案" in page.content.decode()


def test_the_dossier_page_offers_the_next_step_and_shows_a_refusal(government, bureau, drafter):
    decision = new_decision(government, bureau)
    client = client_for(drafter)
    url = reverse("decisions:decision_detail", args=[decision.pk])
    page = client.get(url).content.decode()
    assert 'id="action-consult"' in page and 'id="action-submit_review"' not in page
    before = AuditEvent.objects.count()
    response = client.post(
        url + "?action=consult",
        {
            "consult-version": decision.version,
            "consult-opens_on": "2026-05-04",
            "consult-closes_on": "2026-05-14",
            "consult-draft_text": "草案",
        },
    )
    assert response.status_code == 200
    assert "第15条" in response.content.decode()
    assert AuditEvent.objects.count() == before
    decision.refresh_from_db()
    assert decision.stage == Stage.DRAFTING


def test_another_county_sees_nothing_and_the_city_sees_both(government, bureau, make_user, clerk):
    decision = new_decision(government, bureau)
    other = Region.objects.get_or_create(code="140221", defaults={"name": "阳高县"})[0]
    Region.objects.get_or_create(code="140200", defaults={"name": "大同市"})
    outsider = make_user(Role.SUPERVISOR, unit=UnitFactory(name="阳高县司法局", region=other))
    city_region = Region.objects.get(code="140200")
    city = make_user(Role.SUPERVISOR, unit=UnitFactory(name="大同市司法局", region=city_region))
    assert list(Decision.objects.visible_to(outsider)) == []
    assert list(Decision.objects.visible_to(city)) == [decision]
    client = client_for(outsider)
    assert client.get(reverse("decisions:decision_detail", args=[decision.pk])).status_code == 404
    assert "天镇县" not in client.get(reverse("decisions:catalog_list")).content.decode()
    assert (
        client_for(city).get(reverse("decisions:decision_detail", args=[decision.pk])).status_code
        == 200
    )


@pytest.fixture
def open_consultation(government, bureau, monkeypatch):
    """A draft open for comment on the portal, on 10 May 2026 inside its period."""
    from fazhi.core import dates

    decision = new_decision(government, bureau)
    consultation = dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案全文",
    )
    monkeypatch.setattr(dates, "today", lambda as_of=None: as_of or dt.date(2026, 5, 10))
    return consultation


def test_a_citizen_comments_without_an_account_and_sees_it_after_moderation(
    open_consultation, clerk
):
    consultation = open_consultation
    url = reverse("portal:decisions:consultation_detail", args=[consultation.pk])
    citizen = Client()
    response = citizen.post(
        url, {"text": "<script>alert(1)</script>建议增加停车位", "author_name": "李四"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "建议增加停车位" not in citizen.get(url).content.decode()
    consultations.comment_moderate(actor=clerk, comment_id=comment.pk, version=1, approve=True)
    page = citizen.get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;建议增加停车位" in page
    assert "<script>alert(1)" not in page
    response = citizen.post(url, {"text": "长" * 100_000})
    assert response.status_code == 200 and "2000" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_public_api_lists_published_entries_and_consultations(government, bureau, query_count):
    published_catalog(government, bureau)
    client = Client()
    with query_count("catalogs api"):
        data = client.get("/api/public/decisions/catalogs?year=2026").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert (item["body"], item["lead_unit"], item["status"]) == (
        "天镇县人民政府",
        "天镇县住房和城乡建设局",
        "published",
    )
    assert client.get("/api/public/decisions/catalogs?year=2025").json()["count"] == 0
    assert client.get("/api/public/decisions/consultations").json()["count"] == 0
    assert client.get("/api/public/decisions/catalogs?year=abc").status_code == 422


def test_the_portal_catalogue_page_shows_published_entries(government, bureau):
    published_catalog(government, bureau)
    page = Client().get(reverse("portal:decisions:catalog_list") + "?year=2026").content.decode()
    assert "天镇县老旧小区改造三年行动方案" in page
    assert Client().get(reverse("portal:decisions:catalog_list") + "?year=x'--").status_code == 200


def test_the_accountability_view_lists_every_step(government, bureau, supervisor, drafter):
    decision = new_decision(government, bureau)
    assert (
        client_for(drafter).get(reverse("decisions:accountability", args=[decision.pk])).status_code
        == 403
    )
    page = client_for(supervisor).get(reverse("decisions:accountability", args=[decision.pk]))
    assert page.status_code in (200, 404)
    missing = reverse("decisions:accountability", args=[decision.pk + 1000])
    assert client_for(supervisor).get(missing).status_code == 404


def test_the_adviser_register_names_the_decisions_advised_on(
    government, bureau, justice, reviewer, supervisor, query_count
):
    from .test_dossier import through_review

    decision = new_decision(
        government, bureau, procedures=["legality_review", "collective_discussion"]
    )
    dossier.decision_complete_draft(actor=SYSTEM, decision_id=decision.pk, version=None)
    through_review(decision, justice, reviewer)
    client = client_for(supervisor)
    with query_count("adviser list"):
        page = client.get(reverse("decisions:adviser_list")).content.decode()
    assert "王律师" in page and decision.number in page
    with query_count("expert list"):
        assert client.get(reverse("decisions:expert_list")).status_code == 200


def test_the_portal_masks_the_personal_data_a_citizen_typed_into_a_comment(
    open_consultation, clerk
):
    consultation = open_consultation
    url = reverse("portal:decisions:consultation_detail", args=[consultation.pk])
    citizen = Client()
    text = "我是张三丰,身份证号140222199001011234,电话13812345678,建议暂缓调价。"
    assert citizen.post(url, {"text": text, "author_name": "张三丰"}).status_code == 302
    comment = Comment.objects.get()
    consultations.comment_moderate(actor=clerk, comment_id=comment.pk, version=1, approve=True)
    page = citizen.get(url).content.decode()
    assert "建议暂缓调价" in page
    for personal in ("张三丰", "140222199001011234", "13812345678"):
        assert personal not in page
    assert "张**" in page and "1402**********1234" in page and "138****5678" in page
    # The moderating unit reads the comment as it was written.
    inside = client_for(clerk).get(reverse("decisions:consultation_detail", args=[consultation.pk]))
    assert "140222199001011234" in inside.content.decode()


def test_a_procedure_posted_out_of_order_is_refused_citing_the_article(
    government, bureau, drafter, nothing_written
):
    """A stale page or a forged form deliberating before the legality review: the page says
    which article orders the steps (Art. 25), not a bare "cannot be done now", and writes nothing."""
    decision = new_decision(government, bureau)
    client = client_for(drafter)
    url = reverse("decisions:decision_detail", args=[decision.pk])
    data = {
        "discuss-version": decision.version,
        "discuss-meeting_kind": "standing",
        "discuss-meeting_on": "2026-06-10",
        "discuss-minutes": "会议纪要",
        "discuss-head_name": "县长",
        "discuss-head_decision": "adopt",
        "discuss-dissent": "无",
    }
    with nothing_written():
        response = client.post(url + "?action=discuss", data, follow=True)
    said = [str(m) for m in response.context["messages"]]
    assert len(said) == 1 and "第25条" in said[0] and "起草" in said[0], said
    decision.refresh_from_db()
    assert decision.stage == Stage.DRAFTING
    # A step already behind the dossier says so too.
    through_participation(decision)
    for name, why in (("hearing", "第14条"), ("consult", "起草阶段")):
        with nothing_written():
            response = client.post(url + f"?action={name}", {f"{name}-version": 99}, follow=True)
        said = [str(m) for m in response.context["messages"]]
        assert len(said) == 1 and why in said[0] and "专家论证" in said[0], said


def test_the_dossier_and_the_portal_show_the_days_left_on_a_running_deadline(
    government, bureau, drafter, today
):
    decision = new_decision(government, bureau)
    consultation = dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=today,
        closes_on=today + dt.timedelta(days=40),
        draft_text="草案全文",
    )
    page = client_for(drafter).get(reverse("decisions:decision_detail", args=[decision.pk]))
    assert "还剩 40 天" in page.content.decode()
    portal = Client().get(reverse("portal:decisions:consultation_list")).content.decode()
    assert "还剩 40 天" in portal
    detail = reverse("portal:decisions:consultation_detail", args=[consultation.pk])
    assert "还剩 40 天" in Client().get(detail).content.decode()


def test_the_dossier_shows_the_days_left_to_the_legality_review(
    government, bureau, justice, drafter, today
):
    from fazhi.decisions.choices import Procedure

    mandatory = [Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION]
    other = new_decision(government, bureau, mandatory)
    dossier.decision_complete_draft(actor=SYSTEM, decision_id=other.pk, version=None)
    dossier.decision_submit_review(
        actor=SYSTEM,
        decision_id=other.pk,
        version=None,
        review_unit=justice,
        submitted_on=today,
        basis="依据《价格法》;已履行合法性审查前的程序",
        due_on=today + dt.timedelta(days=20),
    )
    page = client_for(drafter).get(reverse("decisions:decision_detail", args=[other.pk]))
    assert 'id="review-left"' in page.content.decode()
    assert "还剩 20 天" in page.content.decode()
