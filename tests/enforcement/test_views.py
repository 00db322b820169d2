from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.enforcement import services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import InspectionDraw, PenaltyCase
from tests.enforcement.conftest import make_officer

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cases(officer_user, body, officers, standard):
    made = []
    for i in range(12):
        made.append(
            services.case_file(
                actor=officer_user,
                body=body,
                title=f"案件{i}",
                party_kind="organisation",
                party_name=f"企业{i}",
                party_uscc=generated_uscc(10000000 + i),
                standard=standard,
                officers=officers[:2],
            )
        )
    return made


@pytest.fixture
def person_case(officer_user, body, officers, standard):
    from stdnum.cn import ric

    base = "14022219950312201"
    rid = base + ric.calc_check_digit(base + "0")
    case = services.case_file(
        actor=officer_user,
        body=body,
        title="流动摊贩无证经营",
        party_kind="person",
        party_name="王小明",
        party_resident_id=rid,
        standard=standard,
        officers=officers[:2],
    )
    services.case_investigate(actor=officer_user, case=case)
    services.evidence_add(
        actor=officer_user, case=case, title="笔录", upload=SimpleUploadedFile("a.txt", b"x")
    )
    services.case_notify(
        actor=officer_user,
        case=case,
        level="minor",
        proposed_penalty="罚款6000元",
        proposed_fine=Decimal("6000"),
    )
    services.case_waive(actor=officer_user, case=case)
    services.case_decide(
        actor=officer_user, case=case, decision_kind="penalty", fine=Decimal("6000")
    )
    services.case_publish(actor=officer_user, case=case)
    return case


@pytest.mark.parametrize(
    "name",
    [
        "enforcement:case_list",
        "enforcement:officer_list",
        "enforcement:standard_list",
        "enforcement:plan_list",
        "enforcement:target_list",
        "enforcement:supervision",
        "enforcement:guiding_case_list",
    ],
)
def test_list_page_queries(client, supervisor, cases, name, query_count):
    client.force_login(supervisor)
    client.get(reverse(name))  # the first request saves the new session and fills the caches
    with query_count("page"):
        response = client.get(reverse(name))
    assert response.status_code == 200
    with query_count("export"):
        export = client.get(reverse(name) + "?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_case_list_queries_do_not_grow_with_rows(
    client, supervisor, cases, officer_user, body, officers, standard, django_assert_max_num_queries
):
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        client.get(reverse("enforcement:case_list"))
    for i in range(20):
        services.case_file(
            actor=officer_user,
            body=body,
            title=f"更多{i}",
            party_kind="organisation",
            party_name="乙",
            party_uscc=generated_uscc(11000000 + i),
            standard=standard,
            officers=officers[:2],
        )
    with django_assert_max_num_queries(12):
        client.get(reverse("enforcement:case_list"))


def test_officer_sees_only_own_body_and_gets_404_elsewhere(client, make_user, other_body, cases):
    stranger = make_user(Role.OFFICER, unit=other_body.unit)
    client.force_login(stranger)
    page = client.get(reverse("enforcement:case_list"))
    assert "案件0" not in page.content.decode()
    assert client.get(reverse("enforcement:case_detail", args=[cases[0].pk])).status_code == 404
    assert (
        client.post(reverse("enforcement:case_act", args=[cases[0].pk, "investigate"])).status_code
        == 404
    )
    assert PenaltyCase.objects.get(pk=cases[0].pk).stage == "filed"


def test_case_actions_through_the_page(client, officer_user, cases):
    client.force_login(officer_user)
    case = cases[0]
    response = client.post(
        reverse("enforcement:case_act", args=[case.pk, "investigate"]),
        {"investigate-version": case.version},
        follow=True,
    )
    assert "已完成:开始调查" in response.content.decode()
    steps = case.steps.count()
    response = client.post(
        reverse("enforcement:case_act", args=[case.pk, "notify"]),
        {
            "notify-version": case.version + 1,
            "notify-level": "general",
            "notify-harm": "some",
            "notify-proposed_penalty": "罚款",
        },
        follow=True,
    )
    assert "尚未登记任何证据" in response.content.decode()
    assert case.steps.count() == steps
    response = client.post(
        reverse("enforcement:case_act", args=[case.pk, "add_evidence"]),
        {
            "add_evidence-version": 1,
            "add_evidence-title": "笔录",
            "add_evidence-upload": SimpleUploadedFile("a.txt", b"x"),
        },
        follow=True,
    )
    assert "已被他人修改" in response.content.decode()
    assert case.steps.count() == steps and not case.evidence.exists()


def test_discretion_preview_shows_range_and_exemption(client, officer_user, cases):
    client.force_login(officer_user)
    url = reverse("enforcement:discretion_preview", args=[cases[0].pk])
    body = client.get(url, {"notify-level": "general", "notify-harm": "some"}).content.decode()
    assert "20000.00 – 50000.00 元" in body
    body = client.get(
        url,
        {"notify-level": "minor", "notify-harm": "none", "notify-corrected_promptly": "on"},
    ).content.decode()
    assert "不予处罚" in body


def test_case_create_page_refuses_an_expired_officer(
    client, officer_user, body, officers, expired_officer, valid_uscc
):
    client.force_login(officer_user)
    response = client.post(
        reverse("enforcement:case_create"),
        {
            "title": "无证经营",
            "party_kind": "organisation",
            "party_name": "甲",
            "party_uscc": valid_uscc,
            "officers": [officers[0].pk, expired_officer.pk],
        },
    )
    assert "执法证已于" in response.content.decode()
    assert not PenaltyCase.objects.exists()


def test_public_decision_masks_natural_persons(client, person_case):
    listing = client.get(reverse("portal:enforcement_public:decision_list")).content.decode()
    assert "王*" in listing and "王小明" not in listing
    detail = client.get(
        reverse("portal:enforcement_public:decision_detail", args=[person_case.pk])
    ).content.decode()
    assert "1402**********201" in detail and person_case.party_resident_id not in detail


def test_public_pages_show_only_published(
    client, cases, person_case, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("portal:enforcement_public:decision_list")).content.decode()
    assert "案件0" not in page
    assert (
        client.get(
            reverse("portal:enforcement_public:decision_detail", args=[cases[0].pk])
        ).status_code
        == 404
    )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:enforcement_public:index")).status_code == 200


def test_public_index_lists_only_credentialed_officers(client, body, officers, expired_officer):
    page = client.get(reverse("portal:enforcement_public:index")).content.decode()
    assert "吴建国" in page and "褚卫东" not in page


def test_officer_list_flags_short_training(client, supervisor, body, officers):
    from fazhi.enforcement.models import TrainingRecord

    TrainingRecord.objects.create(
        officer=officers[0],
        trained_on=__import__("django.utils.timezone").utils.timezone.localdate(),
        course="培训",
        hours=Decimal("64"),
    )
    client.force_login(supervisor)
    page = client.get(reverse("enforcement:officer_list"), {"short": "1"}).content.decode()
    assert "吴建国" in page and "孙执法" not in page
    assert "不足60学时" in page


def test_plan_detail_and_draw_through_pages(
    client, officer_user, body, officers, django_assert_max_num_queries
):
    services.target_import(
        actor=officer_user,
        rows=[(generated_uscc(10000000 + i), f"企业{i}", "食品销售", "") for i in range(200)],
    )
    make_officer(body, "卫红")
    client.force_login(officer_user)
    response = client.post(
        reverse("enforcement:plan_create"),
        {
            "title": "抽查",
            "year": 2026,
            "scope": "食品",
            "ratio_percent": "5",
            "categories": ["食品销售"],
        },
    )
    plan_url = response["Location"]
    plan_id = int(plan_url.rstrip("/").split("/")[-1])
    client.post(reverse("enforcement:draw_commit", args=[plan_id]))
    page = client.get(plan_url).content.decode()
    assert "种子承诺" in page and "尚未揭示" in page
    client.post(reverse("enforcement:draw_reveal", args=[plan_id]))
    with django_assert_max_num_queries(16):
        page = client.get(plan_url).content.decode()
    assert "抽中的检查对象" in page
    response = client.post(reverse("enforcement:draw_reveal", args=[plan_id]), follow=True)
    assert "种子已公布" in response.content.decode()
    draw_id = InspectionDraw.objects.get(plan_id=plan_id).pk
    selection = client.get(
        reverse("portal:enforcement_public:draw_file", args=[draw_id, "selection"])
    )
    assert selection.status_code == 200 and selection.content.count(b"\n") == 10


def test_api_case_list_scoped_and_bounded(
    client, supervisor, make_user, other_body, cases, django_assert_max_num_queries
):
    client.force_login(supervisor)
    with django_assert_max_num_queries(8):
        data = client.get("/api/enforcement/cases?limit=5").json()
    assert data["count"] == 12 and len(data["items"]) == 5
    client.force_login(make_user(Role.OFFICER, unit=other_body.unit))
    assert client.get("/api/enforcement/cases").json()["count"] == 0
    assert client.get(f"/api/enforcement/cases/{cases[0].pk}").status_code == 404


def test_api_action_refusal_is_json_and_writes_nothing(client, officer_user, cases):
    client.force_login(officer_user)
    case = cases[0]
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/actions/serve",
        {"version": case.version},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "refused"
    assert PenaltyCase.objects.get(pk=case.pk).version == case.version
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/actions/investigate",
        {"version": case.version},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["stage"] == "investigating"
    assert [s["action"] for s in response.json()["steps"]] == ["file", "investigate"]


def test_api_officers_and_draw_verification(
    client, officer_user, body, officers, expired_officer, query_count
):
    services.target_import(
        actor=officer_user,
        rows=[(generated_uscc(10000000 + i), f"企业{i}", "食品销售", "") for i in range(100)],
    )
    plan = services.plan_create(
        actor=officer_user, body=body, title="抽查", year=2026, scope="x", ratio_bp=1000
    )
    row = services.draw_reveal(
        actor=officer_user, draw_row=services.draw_commit(actor=officer_user, plan=plan)
    )
    client.force_login(officer_user)
    client.get("/api/enforcement/officers")  # the first request saves the new session
    with query_count("officers api"):
        people = client.get("/api/enforcement/officers").json()["items"]
    assert {p["full_name"]: p["has_valid_credential"] for p in people}["褚卫东"] is False
    result = client.get(f"/api/enforcement/draws/{row.pk}/verify").json()
    assert result["matches"] and result["seed_matches_commitment"] and result["list_matches_hashes"]


def test_officer_detail_records_training_and_refuses_bad_dates(
    client, reviewer, body, officers, today
):
    from fazhi.enforcement.models import TrainingSession

    session = TrainingSession.objects.create(
        course="行政处罚法专题", held_on=today, hours=Decimal("8"), organiser="天镇县司法局"
    )
    client.force_login(reviewer)
    url = reverse("enforcement:officer_detail", args=[officers[1].pk])
    client.post(url + "?action=training", {"training-session": session.pk})
    assert officers[1].trainings.get().hours == Decimal("8.0")
    response = client.post(
        url + "?action=credential",
        {
            "credential-number": "X-1",
            "credential-kind": "provincial",
            "credential-issued_on": "2026-05-01",
            "credential-valid_until": "2026-01-01",
        },
    )
    assert "有效期至不能早于发证日期" in response.content.decode()
    assert not officers[1].credentials.filter(number="X-1").exists()


def test_officer_detail_is_404_for_another_body(client, make_user, other_body, officers):
    client.force_login(make_user(Role.OFFICER, unit=other_body.unit))
    assert (
        client.get(reverse("enforcement:officer_detail", args=[officers[0].pk])).status_code == 404
    )


def test_target_import_page_reports_rows_and_saves_nothing(client, officer_user):
    from fazhi.enforcement.models import InspectionTarget

    client.force_login(officer_user)
    good = "".join(f"{generated_uscc(10000000 + i)},企业{i},食品销售,天镇县\n" for i in range(3))
    bad = SimpleUploadedFile(
        "targets.csv",
        ("统一社会信用代码,名称,行业类别,住所\n" + good + "123,坏,食品销售,\n").encode("gb18030"),
    )
    page = client.post(
        reverse("enforcement:target_import"), {"upload": bad}, follow=True
    ).content.decode()
    assert "第5行" in page and "未保存任何数据" in page
    assert InspectionTarget.objects.count() == 0
    ok = SimpleUploadedFile(
        "targets.csv", ("统一社会信用代码,名称,行业类别,住所\n" + good).encode()
    )
    page = client.post(
        reverse("enforcement:target_import"), {"upload": ok}, follow=True
    ).content.decode()
    assert "已导入 3 个检查对象" in page
    wrong = SimpleUploadedFile("targets.txt", b"x")
    assert (
        "只能上传 .csv、.xlsx 文件"
        in client.post(
            reverse("enforcement:target_import"), {"upload": wrong}, follow=True
        ).content.decode()
    )


def test_an_import_without_a_file_says_so_and_only_its_holders_may_post(
    client, officer_user, supervisor
):
    client.force_login(officer_user)
    page = client.post(reverse("enforcement:target_import"), {}, follow=True).content.decode()
    assert "请选择文件" in page
    assert client.post(reverse("enforcement:standard_import"), {}).status_code == 403
    client.force_login(supervisor)
    page = client.post(reverse("enforcement:standard_import"), {}, follow=True).content.decode()
    assert "请选择要导入的 Excel 文件" in page
