"""Browser tests: a penalty case from filing to closing, and a published draw reproduced byte for byte."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.choices import Role
from fazhi.enforcement import services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import (
    DiscretionLevel,
    DiscretionStandard,
    EnforcementBody,
    Exemption,
    InspectionDraw,
    PenaltyCase,
)
from tests.enforcement.conftest import make_officer
from tests.enforcement.test_power_items import power_list
from tests.factories import UnitFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(db, holidays, make_user):
    body = EnforcementBody.objects.create(
        unit=UnitFactory(name="天镇县市场监督管理局"), case_prefix="天市监罚"
    )
    officer = make_user(Role.OFFICER, unit=body.unit, username="sun.officer", full_name="孙执法")
    reviewer = make_user(
        Role.REVIEWER,
        unit=UnitFactory(name="天镇县司法局"),
        username="li.reviewer",
        full_name="李审核",
    )
    people = [
        make_officer(body, "孙执法", user=officer),
        make_officer(body, "吴建国"),
        make_officer(body, "冯志强"),
    ]
    standard = DiscretionStandard.objects.create(
        code="SJ-SP-001",
        violation="未取得食品经营许可从事食品经营活动",
        legal_basis="《食品安全法》第三十五条",
        penalty_basis="《食品安全法》第一百二十二条",
        body=body,
    )
    for level, lo, hi in [
        ("minor", "5000", "20000"),
        ("general", "20000", "50000"),
        ("serious", "50000", "100000"),
    ]:
        DiscretionLevel.objects.create(
            standard=standard,
            level=level,
            description=f"{level}情形",
            fine_min=Decimal(lo),
            fine_max=Decimal(hi),
        )
    Exemption.objects.create(
        standard=standard, kind="first_offence", condition="初次违法、危害后果轻微并及时改正"
    )
    power = power_list(
        body.unit,
        timezone.localdate().year - 1,
        [
            ("CF-001", "对未取得食品经营许可从事食品经营的处罚", "penalty"),
            ("JC-001", "食品经营监督检查", "inspection"),
        ],
    )
    return {
        "power": {i.code: i for i in power.items.all()},
        "body": body,
        "officer": officer,
        "reviewer": reviewer,
        "people": people,
        "standard": standard,
    }


def switch_user(page, login, user):
    page.context.clear_cookies()
    login(user)


def click_action(page, label):
    page.locator("#case-actions button", has_text=label).first.click()
    page.wait_for_load_state("networkidle")


def test_case_from_filing_to_closing(page, login, world, tmp_path):
    login(world["officer"])
    page.goto("/enforcement/cases/new/")
    page.fill("#id_title", "未取得食品经营许可从事食品经营")
    page.select_option("#id_party_kind", "organisation")
    page.fill("#id_party_name", "天镇县福顺食品有限公司")
    page.fill("#id_party_uscc", generated_uscc(10000001))
    page.select_option("#id_standard", str(world["standard"].pk))
    page.check("#id_is_major")
    page.select_option("#id_officers", [str(world["people"][0].pk), str(world["people"][1].pk)])
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("第三十八条")  # a listed body cites its item
    page.select_option("#id_power_item", str(world["power"]["CF-001"].pk))
    page.click("main form button[type=submit]")
    expect(page.locator("#case-stage")).to_have_text("已立案")
    page.screenshot(path="/tmp/enforcement-case-filed.png", full_page=True)

    click_action(page, "开始调查")
    evidence = tmp_path / "现场检查笔录.txt"
    evidence.write_text("经营场所未悬挂食品经营许可证", encoding="utf-8")
    page.fill("#case-actions input[name=add_evidence-title]", "现场检查笔录")
    page.set_input_files("#case-actions input[name=add_evidence-upload]", str(evidence))
    page.locator("#case-actions button", has_text="上传并计算 SM3").click()
    expect(page.locator("body")).to_contain_text("SM3 ")

    page.select_option("#notify-form select[name=notify-level]", "general")
    expect(page.locator("#discretion-preview")).to_contain_text("20000.00 – 50000.00 元")
    page.fill("#notify-form [name=notify-proposed_penalty]", "罚款30000元")
    page.fill("#notify-form [name=notify-proposed_fine]", "30000")
    page.locator("#notify-form button", has_text="告知陈述申辩和听证权利").click()
    expect(page.locator("#case-stage")).to_have_text("已告知权利")
    click_action(page, "当事人放弃陈述申辩和听证")

    # legal review is enforced: deciding now is refused
    page.select_option("#decide-form [name=decide-decision_kind]", "penalty")
    page.fill("#decide-form [name=decide-fine]", "30000")
    page.locator("#decide-form button").click()
    expect(page.locator(".alert-danger")).to_contain_text("未经法制审核")
    click_action(page, "提交法制审核")
    expect(page.locator("#case-stage")).to_have_text("法制审核")

    switch_user(page, login, world["reviewer"])
    case = PenaltyCase.objects.get()
    page.goto(f"/enforcement/cases/{case.pk}/")
    page.select_option("#review-form [name=review-approved]", "1")
    page.fill("#review-form [name=review-opinion]", "主体适格,证据充分,程序合法,裁量适当,同意")
    page.locator("#review-form button").click()
    expect(page.locator("body")).to_contain_text("已完成:出具法制审核意见")

    switch_user(page, login, world["officer"])
    page.goto(f"/enforcement/cases/{case.pk}/")
    page.select_option("#decide-form [name=decide-decision_kind]", "penalty")
    page.fill("#decide-form [name=decide-fine]", "30000")
    page.locator("#decide-form button").click()
    expect(page.locator("#case-stage")).to_have_text("已作出决定")
    click_action(page, "送达决定书")
    click_action(page, "公示决定")
    page.fill("#case-actions textarea[name=execute-note]", "当事人已缴纳罚款")
    page.locator("#case-actions button", has_text="执行").click()
    page.wait_for_load_state("networkidle")
    click_action(page, "结案")
    expect(page.locator("#case-stage")).to_have_text("已结案")
    record = page.locator("#process-record li")
    expect(record).to_have_count(12)
    expect(page.locator("body")).to_contain_text("同意")
    page.screenshot(path="/tmp/enforcement-case-closed.png", full_page=True)

    page.goto("/public/enforcement/decisions/")
    expect(page.locator("#decisions")).to_contain_text("天镇县福顺食品有限公司")
    page.screenshot(path="/tmp/enforcement-public-decisions.png", full_page=True)
    page.goto("/enforcement/cases/")
    page.screenshot(path="/tmp/enforcement-case-list.png", full_page=True)


def test_draw_published_then_reproduced_byte_for_byte(page, login, world, capfdbinary):
    services.target_import(
        actor=world["officer"],
        rows=[
            (generated_uscc(10000000 + i), f"天镇县企业{i}", "食品销售", "天镇县")
            for i in range(400)
        ],
    )
    login(world["officer"])
    page.goto("/enforcement/inspections/new/")
    page.fill("#id_title", "2026年度食品经营者双随机抽查")
    page.fill("#id_scope", "食品经营许可、过期食品")
    page.fill("#id_ratio_percent", "5")
    page.click("main form button[type=submit]")
    page.click("#commit-draw")
    expect(page.locator("#draw-info")).to_contain_text("尚未揭示")
    row = InspectionDraw.objects.get()
    expect(page.locator("#draw-info")).to_contain_text(row.seed_commitment)
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#reveal-draw")
    expect(page.locator("#draw-seed")).to_be_visible()
    expect(page.locator("#visits tbody tr")).to_have_count(20)
    page.screenshot(path="/tmp/enforcement-draw.png", full_page=True)

    with page.expect_download() as info:
        page.locator("#draw-info a", has_text="下载结果").click()
    published = Path(info.value.path()).read_bytes()
    with page.expect_download() as info:
        page.locator("#draw-info a", has_text="下载名单").click()
    targets = info.value.path()
    row.refresh_from_db()
    capfdbinary.readouterr()
    call_command(
        "inspection",
        "verify-draw",
        "--targets",
        str(targets),
        "--seed",
        row.seed,
        "--ratio",
        str(row.ratio_bp),
        "--commitment",
        row.seed_commitment,
    )
    assert capfdbinary.readouterr().out == published
    assert published.count(b"\n") == 20

    page.goto(f"/public/enforcement/draws/{row.pk}/")
    expect(page.locator("#draw-public")).to_contain_text(row.seed)
    page.screenshot(path="/tmp/enforcement-public-draw.png", full_page=True)


def test_list_pages_filter_and_flag_a_removed_power_item(page, login, world, supervisor):
    matter = services.matter_create(
        actor=world["officer"],
        body=world["body"],
        name="食品经营许可检查",
        matter_type="inspection",
        legal_basis="《食品安全法》第一百一十条",
        power_item=world["power"]["JC-001"],
        in_random_inspection=True,
    )
    power_list(  # this year's list no longer lists JC-001
        world["body"].unit,
        timezone.localdate().year,
        [("CF-001", "对未取得食品经营许可从事食品经营的处罚", "penalty")],
    )
    services.target_import(
        actor=world["officer"],
        rows=[(generated_uscc(10000000 + i), f"企业{i}", "食品销售", "天镇县") for i in range(30)],
    )
    login(supervisor)
    page.goto("/enforcement/supervision/")
    expect(page.locator("#removed-matters")).to_contain_text("1 项执法事项")
    page.click("#removed-matters a")
    expect(page.locator("#matters")).to_contain_text(matter.name)
    expect(page.locator("#matters")).to_contain_text("权责清单已取消")
    page.screenshot(path="/tmp/enforcement-matters-flagged.png", full_page=True)
    page.goto("/enforcement/officers/")
    page.check("#id_short")
    page.click("form[hx-get] button[type=submit]")
    expect(page.locator("#officers")).to_contain_text("不足60学时")
    page.screenshot(path="/tmp/enforcement-officer-list.png", full_page=True)
    page.goto("/enforcement/targets/")
    page.fill("#id_q", "企业1")
    page.click("form[hx-get] button[type=submit]")
    expect(page.locator("#targets tbody tr")).to_have_count(11)
    page.screenshot(path="/tmp/enforcement-target-list.png", full_page=True)
    for url, name in [
        ("/enforcement/standards/", "standard-list"),
        ("/enforcement/inspections/", "plan-list"),
        ("/enforcement/guiding-cases/", "guiding-cases"),
        ("/enforcement/supervision/", "supervision"),
    ]:
        page.goto(url)
        page.screenshot(path=f"/tmp/enforcement-{name}.png", full_page=True)
