"""Demo lists for Tianzhen: approval items 2022 (baseline), 2023 and 2025, two power lists (the
market bureau's adjusted within 2025), a certification list and a fee list; measure (五)'s
targets linked to the computed indicators; the enforcement demo's matters and penalty cases
linked to the power items they carry out (one matter left on a merged item, flagged).

Item names follow county-level licensing lists; the bases name the statute (articles only where
the demo is sure of them). Idempotent: a version that exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from fazhi.core import dates
from fazhi.core.actors import SYSTEM
from fazhi.core.demo import unit_by_name

from . import selectors, services
from .models import CatalogItem, CatalogVersion

XK = "《中华人民共和国行政许可法》第十二条"
APPROVALS = [
    # code, name, basis, statutory days, promised days in 2022
    ("TZSP001", "食品经营许可", "《中华人民共和国食品安全法》第三十五条", 20, 10),
    ("TZSP002", "食品生产许可(低风险食品)", "《中华人民共和国食品安全法》第三十五条", 20, 10),
    ("TZSP003", "药品零售企业经营许可", "《中华人民共和国药品管理法》第五十一条", 30, 15),
    ("TZSP004", "建筑工程施工许可证核发", "《中华人民共和国建筑法》第七条", 15, 7),
    ("TZSP005", "建设工程规划许可证核发", "《中华人民共和国城乡规划法》第四十条", 20, 10),
    ("TZSP006", "乡村建设规划许可证核发", "《中华人民共和国城乡规划法》第四十一条", 20, 10),
    ("TZSP007", "取水许可", "《中华人民共和国水法》第四十八条", 45, 20),
    ("TZSP008", "林木采伐许可证核发", "《中华人民共和国森林法》", 20, 10),
    ("TZSP009", "动物防疫条件合格证核发", "《中华人民共和国动物防疫法》", 20, 10),
    ("TZSP010", "种子生产经营许可证核发", "《中华人民共和国种子法》", 20, 10),
    ("TZSP011", "农药经营许可", "《农药管理条例》", 20, 10),
    ("TZSP012", "道路旅客运输经营许可", "《中华人民共和国道路运输条例》", 20, 10),
    ("TZSP013", "道路货物运输经营许可", "《中华人民共和国道路运输条例》", 20, 10),
    ("TZSP014", "出租汽车经营许可", XK, 20, 10),
    ("TZSP015", "民办学校设立、变更、终止审批", "《中华人民共和国民办教育促进法》", 30, 20),
    ("TZSP016", "娱乐场所经营许可", "《娱乐场所管理条例》", 20, 10),
    ("TZSP017", "公共场所卫生许可", "《公共场所卫生管理条例》", 20, 10),
    ("TZSP018", "医疗机构执业登记", "《医疗机构管理条例》", 45, 20),
    ("TZSP019", "排污许可", "《排污许可管理条例》", 20, 10),
    ("TZSP020", "户外广告设施设置审批", "《城市市容和环境卫生管理条例》", 20, 10),
    (
        "TZSP021",
        "城市建筑垃圾处置核准",
        "《国务院对确需保留的行政审批项目设定行政许可的决定》",
        20,
        10,
    ),
    ("TZSP022", "占用、挖掘城市道路审批", "《城市道路管理条例》", 20, 10),
    ("TZSP023", "城镇污水排入排水管网许可", "《城镇排水与污水处理条例》", 15, 7),
    ("TZSP024", "生鲜乳收购站许可", "《乳品质量安全监督管理条例》", 20, 10),
    ("TZSP025", "兽药经营许可证核发", "《兽药管理条例》", 30, 15),
    ("TZSP026", "拖拉机和联合收割机驾驶证核发", "《农业机械安全监督管理条例》", 20, 10),
    ("TZSP027", "人力资源服务许可", "《人力资源市场暂行条例》", 20, 10),
    ("TZSP028", "劳务派遣经营许可", "《中华人民共和国劳动合同法》", 20, 10),
    (
        "TZSP029",
        "文物保护单位建设控制地带内建设工程设计方案审核",
        "《中华人民共和国文物保护法》",
        20,
        10,
    ),
    ("TZSP030", "宗教活动场所筹备设立审批", "《宗教事务条例》", 30, 20),
    ("TZSP031", "危险化学品经营许可", "《危险化学品安全管理条例》", 30, 15),
    ("TZSP032", "烟花爆竹经营(零售)许可", "《烟花爆竹安全管理条例》", 20, 10),
    ("TZSP033", "建设工程竣工验收备案", "《建设工程质量管理条例》", 15, 5),
    ("TZSP034", "放射诊疗许可", "《放射性同位素与射线装置安全和防护条例》", 20, 10),
    ("TZSP035", "母婴保健技术服务执业许可", "《中华人民共和国母婴保健法》", 30, 15),
    ("TZSP036", "水利基建项目初步设计文件审批", XK, 20, 10),
    ("TZSP037", "河道管理范围内建设项目工程建设方案审批", "《中华人民共和国河道管理条例》", 20, 10),
    ("TZSP038", "临时占用草原审批", "《中华人民共和国草原法》", 20, 10),
    ("TZSP039", "采集国家二级保护野生植物审批", "《中华人民共和国野生植物保护条例》", 20, 10),
    (
        "TZSP040",
        "设置大型户外广告及在城市建筑物上悬挂标语审批",
        "《城市市容和环境卫生管理条例》",
        20,
        10,
    ),
]
# Dropped in 2023 (12 of 40 = 30%) and in 2025 (8 more: 20 of 40 = 50%), with reasons.
DROPPED_2023 = {
    "TZSP002": "调整为市级实施,县级不再承接",
    "TZSP009": "依据上级行政许可事项清单调整,县级不再实施",
    "TZSP014": "与道路旅客运输经营许可合并为“一件事”办理",
    "TZSP020": "与TZSP040合并为户外广告设施设置审批",
    "TZSP021": "改为告知承诺后备案管理,不再列为审批事项",
    "TZSP024": "依据上级清单调整,县级不再实施",
    "TZSP026": "调整为市级实施",
    "TZSP029": "调整为市级文物主管部门实施",
    "TZSP033": "备案不作为审批条件,移出审批事项清单",
    "TZSP036": "无法律、行政法规设定依据,取消",
    "TZSP038": "调整为市级实施",
    "TZSP039": "调整为市级实施",
}
DROPPED_2025 = {
    "TZSP006": "并入建设工程规划许可“多审合一”",
    "TZSP011": "改为告知承诺制,不再单列",
    "TZSP013": "依据上级清单调整,县级不再实施",
    "TZSP016": "依据上级清单调整,县级不再实施",
    "TZSP023": "并入工程建设项目审批“一件事”",
    "TZSP025": "调整为市级实施",
    "TZSP030": "调整为市级实施",
    "TZSP037": "并入水利工程建设方案联合审查",
}
PROMISE_2023 = {"TZSP001", "TZSP004", "TZSP012", "TZSP017", "TZSP027"}
PROMISE_2025 = PROMISE_2023 | {"TZSP003", "TZSP005", "TZSP019", "TZSP028", "TZSP032"}
BODY = "天镇县行政审批服务管理局"

POWERS = {
    "天镇县市场监督管理局": [
        (
            "TZSJ-CF-001",
            "对未取得食品经营许可从事食品经营活动的行政处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十二条",
        ),
        (
            "TZSJ-CF-002",
            "对经营超过保质期食品的行政处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十四条",
        ),
        (
            "TZSJ-CF-003",
            "对销售不符合保障人体健康的产品的行政处罚",
            "penalty",
            "《中华人民共和国产品质量法》",
        ),
        ("TZSJ-CF-004", "对发布虚假广告的行政处罚", "penalty", "《中华人民共和国广告法》"),
        (
            "TZSJ-CF-005",
            "对不按规定明码标价的行政处罚",
            "penalty",
            "《中华人民共和国价格法》第四十二条",
        ),
        ("TZSJ-JC-001", "食品经营者监督检查", "inspection", "《中华人民共和国食品安全法》"),
        ("TZSJ-JC-002", "特种设备安全监督检查", "inspection", "《中华人民共和国特种设备安全法》"),
        (
            "TZSJ-QZ-001",
            "查封、扣押不符合食品安全标准的食品",
            "coercion",
            "《中华人民共和国食品安全法》第一百一十条",
        ),
        ("TZSJ-QR-001", "计量器具强制检定", "other", "《中华人民共和国计量法》"),
    ],
    "天镇县农业农村局": [
        ("TZNY-CF-001", "对经营假农药的行政处罚", "penalty", "《农药管理条例》"),
        ("TZNY-CF-002", "对销售假种子的行政处罚", "penalty", "《中华人民共和国种子法》"),
        ("TZNY-CF-003", "对违反动物防疫规定的行政处罚", "penalty", "《中华人民共和国动物防疫法》"),
        (
            "TZNY-JC-001",
            "农产品质量安全监督检查",
            "inspection",
            "《中华人民共和国农产品质量安全法》",
        ),
        ("TZNY-JC-002", "农药经营监督检查", "inspection", "《农药管理条例》"),
        ("TZNY-ZS-001", "渔业资源增殖保护费征收", "levy", "《中华人民共和国渔业法》"),
        (
            "TZNY-JL-001",
            "对农业技术推广作出贡献的奖励",
            "reward",
            "《中华人民共和国农业技术推广法》",
        ),
    ],
}
MARKET = "天镇县市场监督管理局"
# The market bureau adjusts its power list within 2025: CF-002 is merged into CF-006 with a new
# code. A matter still citing CF-002 is then flagged until it is re-linked.
ADJUSTMENT = (
    "TZSJ-CF-002",
    (
        "TZSJ-CF-006",
        "对经营超过保质期的食品、食品添加剂的行政处罚",
        "penalty",
        "《中华人民共和国食品安全法》第一百二十四条",
    ),
    "依据上级权责清单调整,事项合并并重新编码",
    dt.date(2025, 9, 30),
)
# Enforcement matters of the demo → the power item each carries out.
MATTER_POWERS = {
    "对未取得食品经营许可从事食品经营活动的处罚": "TZSJ-CF-001",
    "对经营超过保质期食品的处罚": "TZSJ-CF-002",
    "对不按规定明码标价的处罚": "TZSJ-CF-005",
    "食品经营者监督检查": "TZSJ-JC-001",
    "查封、扣押不符合食品安全标准的食品": "TZSJ-QZ-001",
}
# Penalty cases of the demo (by words of their title) → the codes they may cite, the first one
# found in the list in force on the day the case was filed.
CASE_POWERS = [
    ("未取得食品经营许可", ("TZSJ-CF-001",)),
    ("超过保质期", ("TZSJ-CF-006", "TZSJ-CF-002")),
    ("明码标价", ("TZSJ-CF-005",)),
]
RESPONSIBILITY = "立案责任、调查取证责任、审理责任、告知责任、决定责任、送达责任、执行责任"
ACCOUNTABILITY = "不依法履行职责、滥用职权、玩忽职守的,依法追究责任"

CERTIFICATIONS = [
    ("TZZM-001", "无犯罪记录证明", "天镇县公安局", True),
    ("TZZM-002", "亲属关系证明", "户籍所在地公安派出所", True),
    ("TZZM-003", "居住证明", "户籍所在地公安派出所", True),
    ("TZZM-004", "学历证明", "毕业院校", False),
    ("TZZM-005", "出生医学证明", "助产医疗机构", False),
    ("TZZM-006", "低保家庭证明", "天镇县民政局", True),
]
FEES = [
    (
        "TZSF-001",
        "污水处理费",
        "《城镇排水与污水处理条例》",
        "按核定标准",
        "天镇县住房和城乡建设局",
        "缴入地方国库",
    ),
    (
        "TZSF-002",
        "不动产登记费",
        "《不动产登记暂行条例》",
        "按国家规定标准",
        "天镇县规划和自然资源局",
        "缴入地方国库",
    ),
    (
        "TZSF-003",
        "土地复垦费",
        "《土地复垦条例》",
        "按复垦方案核定",
        "天镇县规划和自然资源局",
        "缴入地方国库",
    ),
    (
        "TZSF-004",
        "水土保持补偿费",
        "《中华人民共和国水土保持法》",
        "按省核定标准",
        "天镇县水务局",
        "缴入地方国库",
    ),
    (
        "TZSF-005",
        "考试考务费",
        "《中华人民共和国价格法》",
        "按省核定标准",
        "天镇县人力资源和社会保障局",
        "缴入地方国库",
    ),
]


def _publish(catalog, on: dt.date):
    services.version_check(actor=SYSTEM, catalog_id=catalog.pk, version=None, checked_on=on)
    services.version_approve(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        approved_on=on,
        approval_ref=f"天政函〔{on.year}〕{on.month}号",
    )
    services.version_publish(actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=on)


def _version(body, kind, year, items, on, reasons=None) -> bool:
    if CatalogVersion.objects.filter(body=body, kind=kind, year=year).exists():
        return False
    _import_published(body, kind, year, items, on, reasons)
    return True


def _import_published(body, kind, year, items, on, reasons, adjustment_reason="") -> None:
    with transaction.atomic():
        catalog = services.version_import(
            actor=SYSTEM,
            body=body,
            kind=kind,
            year=year,
            items=[{**row, "position": n} for n, row in enumerate(items, 1)],
            removal_reasons=reasons,
            adjustment_reason=adjustment_reason,
        )
        _publish(catalog, on)


def _approvals(year: int) -> tuple[list[dict], dict[str, str]]:
    dropped = dict(DROPPED_2023)
    if year >= 2025:
        dropped.update(DROPPED_2025)
    reasons = {}
    if year == 2023:
        reasons = DROPPED_2023
    elif year == 2025:
        reasons = DROPPED_2025
    promised = {2022: None, 2023: 5, 2025: 3}[year]
    promise = {2022: set(), 2023: PROMISE_2023, 2025: PROMISE_2025}[year]
    rows = []
    for code, name, basis, statutory, first in APPROVALS:
        if year > 2022 and code in dropped:
            continue
        days = first if promised is None else min(first, promised)
        why = ""
        if year > 2022:
            why = "压缩承诺时限" + (",实行告知承诺" if code in promise else "")
        rows.append(
            {
                "code": code,
                "name": name,
                "basis": basis,
                "implementing_body": BODY,
                "statutory_days": statutory,
                "promised_days": days,
                "fee": "不收费",
                "promise": code in promise,
                "change_reason": why,
            }
        )
    return rows, reasons


def link_targets() -> int:
    """Link measure (五)'s reduction targets in the plan ledger to the computed indicators."""
    try:
        from fazhi.plans import services as plan_services
        from fazhi.plans.models import Target
    except ImportError:
        return 0
    linked = 0
    for target in Target.objects.filter(indicator_key=""):
        key = ""
        if re.search(r"审批事项压减", target.text):
            key = "catalogs.approval_reduction"
        elif re.search(r"时限.*(2/3|三分之二)", target.text):
            key = "catalogs.approval_time_reduction"
        if key:
            plan_services.target_link_indicator(actor=SYSTEM, target=target, indicator_key=key)
            linked += 1
    return linked


def _power_rows(name: str, powers) -> list[dict]:
    return [
        {
            "code": code,
            "name": title,
            "power_kind": kind,
            "basis": basis,
            "implementing_body": name,
            "responsibility": RESPONSIBILITY if kind == "penalty" else "",
            "accountability": ACCOUNTABILITY,
        }
        for code, title, kind, basis in powers
    ]


def _certification_rows() -> list[dict]:
    return [
        {
            "code": code,
            "name": title,
            "basis": "《优化营商环境条例》第四十四条",
            "implementing_body": "天镇县各行政机关",
            "issuing_body": issuer,
            "guide": "申请人可书面承诺代替证明" if promise else "由开具单位出具",
            "promise": promise,
        }
        for code, title, issuer, promise in CERTIFICATIONS
    ]


def _fee_rows() -> list[dict]:
    return [
        {
            "code": code,
            "name": title,
            "basis": basis,
            "implementing_body": collector,
            "standard": standard,
            "collecting_body": collector,
            "fund_management": management,
        }
        for code, title, basis, standard, collector, management in FEES
    ]


def _link_matters(unit) -> int:
    """Matters of the body, not yet linked, to the items of its power list in force."""
    from fazhi.enforcement import services as enforcement
    from fazhi.enforcement.models import EnforcementMatter

    linked = 0
    for matter in EnforcementMatter.objects.filter(body__unit=unit, power_item__isnull=True):
        code = MATTER_POWERS.get(matter.name)
        item = selectors.power_items_in_force(body_id=unit.pk, year=dates.today().year).filter(
            code=code
        )
        if code and item.exists():
            enforcement.matter_link_power_item(actor=SYSTEM, matter=matter, power_item=item.get())
            linked += 1
    return linked


def _adjust_power_list(unit) -> bool:
    """The market bureau's 2025-2 power list (one item merged under a new code)."""
    if CatalogVersion.objects.filter(body=unit, kind="power", year=2025, sequence=2).exists():
        return False
    dropped, added, reason, on = ADJUSTMENT
    kept = [p for p in POWERS[MARKET] if p[0] != dropped]
    rows = _power_rows(MARKET, [*kept, added])
    rows[-1]["change_reason"] = reason
    _import_published(
        unit,
        "power",
        2025,
        rows,
        on,
        {dropped: reason},
        adjustment_reason="《中华人民共和国食品安全法》修正后,依据上级权责清单调整",
    )
    return True


def _link_cases(unit) -> int:
    """Penalty cases of the body without a power item: the item in force when filed."""
    from fazhi.enforcement.models import PenaltyCase

    linked = 0
    for case in PenaltyCase.objects.filter(body__unit=unit, power_item__isnull=True):
        codes = next((c for words, c in CASE_POWERS if words in case.title), ())
        versions = selectors.in_force_versions(on=case.filed_on, kind="power", body_id=unit.pk)
        items = {
            i.code: i for i in CatalogItem.objects.filter(catalog__in=versions, code__in=codes)
        }
        item = next((items[c] for c in codes if c in items), None)
        if item is not None:
            # Enforcement files cases before the demo lists exist; the link is set afterwards.
            PenaltyCase.objects.filter(pk=case.pk).update(power_item=item)
            linked += 1
    return linked


def _enforcement_links(stdout) -> None:
    market = unit_by_name(MARKET)
    if market is None:
        return
    matters = _link_matters(market)
    adjusted = _adjust_power_list(market)
    cases = _link_cases(market)
    stdout.write(
        f"清单:关联执法事项 {matters} 个、处罚案件 {cases} 个"
        + (",发布权责清单年度内调整版本 2025-2" if adjusted else "")
    )


def load(stdout) -> None:
    body = unit_by_name(BODY)
    if body is None:
        stdout.write("清单:演示单位名录中没有县行政审批服务管理局,跳过")
        return
    made = 0
    for year, on in (
        (2022, dt.date(2022, 3, 31)),
        (2023, dt.date(2023, 3, 31)),
        (2025, dt.date(2025, 3, 31)),
    ):
        rows, reasons = _approvals(year)
        made += _version(body, "approval", year, rows, on, reasons)
    # The other bodies' 2025 lists: body, kind, rows, the day each is published.
    lists = [
        *(
            (name, "power", _power_rows(name, items), dt.date(2025, 4, 30))
            for name, items in POWERS.items()
        ),
        ("天镇县司法局", "certification", _certification_rows(), dt.date(2025, 5, 30)),
        ("天镇县财政局", "fee", _fee_rows(), dt.date(2025, 5, 30)),
    ]
    for name, kind, rows, on in lists:
        unit = unit_by_name(name)
        if unit is not None:
            made += _version(unit, kind, 2025, rows, on)
    linked = link_targets()
    stdout.write(f"清单:新建并发布 {made} 个版本,关联量化目标 {linked} 个")
    _enforcement_links(stdout)
