"""Enforcement demo data for Tianzhen: bodies, officers, standards, targets, one published draw, cases. Idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from stdnum.cn import uscc

from fazhi.core import dates
from fazhi.core.choices import Role
from fazhi.core.demo import demo_user, unit_by_name
from fazhi.core.models import User

from . import services
from .choices import CredentialStatus, DecisionKind, InspectionOutcome, MatterType, PartyKind
from .models import (
    Credential,
    DiscretionLevel,
    DiscretionStandard,
    EnforcementBody,
    Exemption,
    GuidingCase,
    InspectionPlan,
    InspectionTarget,
    Officer,
    OfficerRelation,
    PenaltyCase,
    TrainingRecord,
    TrainingSession,
)

BODIES = [
    ("天镇县市场监督管理局", "天市监罚", "0352-6612315"),
    ("天镇县生态环境局", "天环罚", "0352-6612369"),
    ("天镇县交通运输局", "天交罚", "0352-6612122"),
]
OFFICERS = {
    "天镇县市场监督管理局": [
        ("孙执法", "sun.officer", "执法一队队长", 64),
        ("赵填报", "zhao.reporter", "综合股科员", 62),
        ("吴建国", None, "执法一队队员", 66),
        ("郑晓梅", None, "执法二队队员", 48),
        ("冯志强", None, "执法二队队长", 70),
        ("陈立新", None, "食品安全股股长", 60),
        ("褚卫东", None, "价格监督股科员", 36),
        ("卫红", None, "执法一队队员", 61),
    ],
    "天镇县生态环境局": [
        ("钱执法", "qian.officer", "执法大队队长", 60),
        ("蒋明", None, "执法大队队员", 64),
        ("沈丽娟", None, "执法大队队员", 52),
        ("韩斌", None, "监测站站长", 60),
    ],
    "天镇县交通运输局": [
        ("杨帆", None, "运政执法队员", 60),
        ("朱磊", None, "运政执法队员", 60),
    ],
}
MATTERS = {
    "天镇县市场监督管理局": [
        (
            "对未取得食品经营许可从事食品经营活动的处罚",
            MatterType.PENALTY,
            "《中华人民共和国食品安全法》第一百二十二条",
            True,
        ),
        (
            "对经营超过保质期食品的处罚",
            MatterType.PENALTY,
            "《中华人民共和国食品安全法》第一百二十四条",
            True,
        ),
        (
            "对不按规定明码标价的处罚",
            MatterType.PENALTY,
            "《中华人民共和国价格法》第四十二条;《明码标价和禁止价格欺诈规定》第二十一条",
            True,
        ),
        (
            "食品经营者监督检查",
            MatterType.INSPECTION,
            "《中华人民共和国食品安全法》第一百一十条",
            True,
        ),
        (
            "查封、扣押不符合食品安全标准的食品",
            MatterType.COERCION,
            "《中华人民共和国食品安全法》第一百一十条第四项",
            False,
        ),
    ],
    "天镇县生态环境局": [
        (
            "对建设项目未依法报批环境影响评价文件擅自开工建设的处罚",
            MatterType.PENALTY,
            "《中华人民共和国环境影响评价法》第三十一条",
            True,
        ),
        ("排污单位监督检查", MatterType.INSPECTION, "《中华人民共和国环境保护法》第二十四条", True),
    ],
    "天镇县交通运输局": [
        (
            "对未取得道路运输经营许可擅自从事道路运输经营的处罚",
            MatterType.PENALTY,
            "《中华人民共和国道路运输条例》第六十三条",
            False,
        ),
    ],
}
STANDARDS = [
    (
        "SJ-SP-001",
        "未取得食品经营许可从事食品经营活动",
        "《中华人民共和国食品安全法》第三十五条第一款",
        "《中华人民共和国食品安全法》第一百二十二条第一款",
        "天镇县市场监督管理局",
        [
            ("minor", "货值金额不足一千元,经营时间短且未造成危害后果", "5000", "20000"),
            ("general", "货值金额不足一万元", "20000", "50000"),
            ("serious", "货值金额一万元以上不足五万元", "50000", "100000"),
            ("severe", "货值金额五万元以上或造成危害后果", "100000", "150000"),
        ],
        [
            ("no_penalty", "违法行为轻微并及时改正,没有造成危害后果"),
            ("first_offence", "初次违法、危害后果轻微并及时改正"),
            ("mitigated", "主动消除或者减轻违法行为危害后果"),
        ],
    ),
    (
        "SJ-SP-002",
        "经营超过保质期的食品",
        "《中华人民共和国食品安全法》第三十四条第十项",
        "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
        "天镇县市场监督管理局",
        [
            ("minor", "货值金额不足一千元,已全部下架", "5000", "20000"),
            ("general", "货值金额一千元以上不足一万元", "20000", "50000"),
            ("serious", "货值金额一万元以上", "50000", "100000"),
            ("severe", "造成人身伤害或者拒不改正", "100000", "150000"),
        ],
        [
            ("first_offence", "初次违法、货值不足五百元、危害后果轻微并及时改正"),
            ("lenient", "积极配合调查,如实陈述违法事实"),
        ],
    ),
    (
        "SJ-JG-001",
        "不按规定明码标价",
        "《中华人民共和国价格法》第十三条",
        "《中华人民共和国价格法》第四十二条",
        "天镇县市场监督管理局",
        [
            ("minor", "首次发现且标价信息缺项较少", "0", "1000"),
            ("general", "经责令改正后仍有部分商品未标价", "1000", "3000"),
            ("serious", "拒不改正", "3000", "5000"),
        ],
        [
            ("no_penalty", "违法行为轻微并及时改正,没有造成危害后果"),
            ("first_offence", "初次违法且及时改正"),
        ],
    ),
    (
        "HJ-HP-001",
        "建设项目未依法报批环境影响评价文件擅自开工建设",
        "《中华人民共和国环境影响评价法》第二十五条",
        "《中华人民共和国环境影响评价法》第三十一条第一款",
        "天镇县生态环境局",
        [
            ("general", "环境影响报告表类项目,未造成生态破坏", "10000", "50000"),
            ("serious", "环境影响报告书类项目", "50000", "100000"),
            ("severe", "造成生态破坏或者拒不停止建设", "100000", "200000"),
        ],
        [("mitigated", "主动停止建设并补办手续,未造成环境污染")],
    ),
]
CATEGORIES = [
    "食品销售",
    "餐饮服务",
    "药品零售",
    "批发零售",
    "住宿业",
    "建材加工",
    "畜禽养殖",
    "机动车维修",
]
GUIDING = [
    (
        "某超市销售过期食品首违不罚案",
        "食品安全",
        "某超市货架上有3袋过期饼干,货值12元,当事人当场下架并销毁,系初次违法。",
        "货值极小、初次违法、及时改正且无危害后果的,适用首违不罚,以批评教育和责令改正代替罚款。",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "某餐馆未取得许可经营案(听证后减轻处罚)",
        "食品安全",
        "当事人无证经营两个月,立案后主动停业并办理许可,申请听证后陈述了减轻情节。",
        "当事人主动消除危害后果的,可以依法减轻处罚;超出裁量基准范围的,须书面说明理由并经法制审核。",
        "《中华人民共和国行政处罚法》第三十二条;《食品安全法》第一百二十二条",
    ),
    (
        "某建材厂未批先建案(重大执法决定法制审核)",
        "生态环境",
        "建材厂未报批环评擅自开工,拟处罚款十二万元,属重大执法决定。",
        "重大执法决定未经法制审核不得作出;法制审核应审查主体、程序、证据、法律适用和裁量。",
        "《中华人民共和国行政处罚法》第五十八条",
    ),
]


def generated_uscc(serial: int, *, region: str = "140222", kind: str = "1") -> str:
    """A well-formed 统一社会信用代码 for demo data: 9 (市场监管) + kind + region + organisation code + check digit."""
    body = f"{serial:08d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    org = body + {10: "X", 11: "0"}.get(check, str(check))
    first17 = f"9{kind}{region}{org}"
    return first17 + uscc.calc_check_digit(first17)


@transaction.atomic
def load(stdout) -> None:
    today = dates.today()
    bodies = _bodies()
    if not bodies:
        stdout.write("行政执法:名录中没有找到演示执法主体,跳过")
        return
    officers = _officers(bodies, today)
    _standards(bodies)
    created = _targets()
    _relations(officers)
    _guiding_cases()
    _draw(bodies, today)
    cases = _cases(bodies, officers, today)
    stdout.write(
        f"行政执法:{len(bodies)} 个执法主体,{sum(len(v) for v in officers.values())} 名执法人员,{created} 个新检查对象,{cases} 个新案件"
    )


def _bodies() -> dict[str, EnforcementBody]:
    result = {}
    for name, prefix, phone in BODIES:
        unit = unit_by_name(name)
        if unit is None:
            continue
        body, _ = EnforcementBody.objects.get_or_create(
            unit=unit, defaults={"case_prefix": prefix, "phone": phone}
        )
        result[name] = body
        for matter, kind, basis, random_item in MATTERS.get(name, []):
            body.matters.get_or_create(
                name=matter,
                defaults={
                    "matter_type": kind,
                    "legal_basis": basis,
                    "in_random_inspection": random_item,
                },
            )
    return result


def _officers(bodies, today) -> dict[str, list[Officer]]:
    result: dict[str, list[Officer]] = {}
    seq = 0
    for body_name, people in OFFICERS.items():
        body = bodies.get(body_name)
        if body is None:
            continue
        result[body_name] = []
        for index, (name, username, position, hours) in enumerate(people):
            seq += 1
            user = demo_user(username, name, body.unit, [Role.OFFICER]) if username else None
            officer, made = Officer.objects.get_or_create(
                body=body, full_name=name, defaults={"position": position, "user": user}
            )
            result[body_name].append(officer)
            if not made:
                continue
            # one expired credential, two expiring within 60 days, the rest valid for years
            if body_name == "天镇县市场监督管理局" and index == 6:
                valid_until = today - dt.timedelta(days=30)
            elif index in (3, 7):
                valid_until = today + dt.timedelta(days=25 + index * 3)
            else:
                valid_until = dt.date(today.year + 3, 12, 31)
            Credential.objects.create(
                officer=officer,
                number=f"14022{seq:03d}{2021 + index % 3}",
                issued_on=dt.date(2021, 3, 1),
                valid_until=valid_until,
                status=CredentialStatus.VALID,
            )
            remaining = Decimal(hours)
            month = 2
            while remaining > 0 and month <= 11:
                chunk = min(remaining, Decimal(16))
                session, _made = TrainingSession.objects.get_or_create(
                    course=f"{today.year}年行政执法人员法律知识培训(第{(month - 2) // 3 + 1}期)",
                    held_on=dt.date(today.year, month, 15),
                    hours=chunk,
                    defaults={"organiser": "天镇县司法局"},
                )
                TrainingRecord.objects.create(
                    officer=officer,
                    session=session,
                    trained_on=session.held_on,
                    course=session.course,
                    hours=chunk,
                )
                remaining -= chunk
                month += 3
    return result


def _standards(bodies) -> None:
    for code, violation, legal, penalty, body_name, levels, exemptions in STANDARDS:
        standard, made = DiscretionStandard.objects.get_or_create(
            code=code,
            defaults={
                "violation": violation,
                "legal_basis": legal,
                "penalty_basis": penalty,
                "body": bodies.get(body_name),
            },
        )
        if not made:
            continue
        DiscretionLevel.objects.bulk_create(
            DiscretionLevel(
                standard=standard,
                level=lv,
                description=d,
                fine_min=Decimal(lo),
                fine_max=Decimal(hi),
            )
            for lv, d, lo, hi in levels
        )
        Exemption.objects.bulk_create(
            Exemption(standard=standard, kind=k, condition=c) for k, c in exemptions
        )


def _targets(count: int = 2000) -> int:
    before = InspectionTarget.objects.count()
    rng = random.Random(140222)  # fixed: the demo register is the same on every machine
    prefixes = ["天镇县", "天镇县玉泉镇", "天镇县南河堡乡", "天镇县新平堡镇", "天镇县谷前堡镇"]
    shops = ["福顺", "兴隆", "万家", "鑫源", "宏达", "康宁", "金穗", "长城", "塞北", "玉泉"]
    rows = []
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        kind = "2" if category in ("餐饮服务", "食品销售") and i % 3 == 0 else "1"
        name = f"{rng.choice(prefixes)}{rng.choice(shops)}{category}{'店' if kind == '2' else '有限公司'}{i + 1:04d}"
        rows.append(
            InspectionTarget(
                uscc=generated_uscc(10000000 + i * 7, kind=kind),
                name=name,
                category=category,
                address=f"{rng.choice(prefixes)}{rng.randint(1, 200)}号",
            )
        )
    InspectionTarget.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return InspectionTarget.objects.count() - before


def _relations(officers) -> None:
    market = officers.get("天镇县市场监督管理局", [])
    targets = list(InspectionTarget.objects.order_by("uscc")[:3])
    if len(market) > 2 and targets:
        OfficerRelation.objects.get_or_create(
            officer=market[2], target=targets[0], defaults={"relation": "配偶经营"}
        )
        OfficerRelation.objects.get_or_create(
            officer=market[4], target=targets[1], defaults={"relation": "曾任该企业法律顾问"}
        )


def _guiding_cases() -> None:
    for title, field, summary, points, basis in GUIDING:
        GuidingCase.objects.get_or_create(
            title=title,
            defaults={
                "field": field,
                "summary": summary,
                "key_points": points,
                "legal_basis": basis,
                "published_on": dt.date(2026, 6, 1),
            },
        )


def _draw(bodies, today) -> None:
    market = bodies.get("天镇县市场监督管理局")
    env = bodies.get("天镇县生态环境局")
    actor = User.objects.filter(username="sun.officer").first()
    if market is None or actor is None or InspectionPlan.objects.filter(body=market).exists():
        return
    plan = services.plan_create(
        actor=actor,
        body=market,
        title=f"{today.year}年度食品经营者“双随机、一公开”联合抽查",
        year=today.year,
        scope="食品经营许可、进货查验、过期食品、明码标价",
        ratio_bp=500,
        categories=["食品销售", "餐饮服务"],
        joint_bodies=[env] if env else [],
    )
    row = services.draw_commit(actor=actor, plan=plan)
    row = services.draw_reveal(actor=actor, draw_row=row)
    for index, visit in enumerate(row.visits.order_by("rank")[:8]):
        outcome = InspectionOutcome.CORRECTED if index % 4 == 3 else InspectionOutcome.COMPLIANT
        services.visit_record_result(
            actor=actor,
            visit=visit,
            outcome=outcome,
            note="现场检查未发现问题"
            if outcome == InspectionOutcome.COMPLIANT
            else "发现未明码标价,已责令当场改正",
            inspected_on=today,
        )
    services.draw_publish_results(actor=actor, draw_row=row)
    services.plan_create(
        actor=actor,
        body=market,
        title=f"{today.year}年度药品零售企业专项抽查",
        year=today.year,
        scope="药品进货查验、处方药销售",
        ratio_bp=1000,
        categories=["药品零售"],
    )


def _cases(bodies, officers, today) -> int:
    market = bodies.get("天镇县市场监督管理局")
    sun = User.objects.filter(username="sun.officer").first()
    reviewer = User.objects.filter(username="li.reviewer").first()
    if (
        market is None
        or sun is None
        or reviewer is None
        or PenaltyCase.objects.filter(body=market).exists()
    ):
        return 0
    team = [
        o
        for o in officers["天镇县市场监督管理局"]
        if any(c.is_valid_on(today) for c in o.credentials.all())
    ][:4]
    pair = [
        o
        for o in Officer.objects.filter(pk__in=[t.pk for t in team[:2]]).prefetch_related(
            "credentials"
        )
    ]
    s_food = DiscretionStandard.objects.get(code="SJ-SP-001")
    s_expired = DiscretionStandard.objects.get(code="SJ-SP-002")
    s_price = DiscretionStandard.objects.get(code="SJ-JG-001")
    evidence = ContentFile(
        "现场检查笔录:经营场所未悬挂食品经营许可证。".encode(), name="现场检查笔录.txt"
    )
    targets = list(
        InspectionTarget.objects.filter(category__in=["食品销售", "餐饮服务"]).order_by("uscc")[
            10:30
        ]
    )

    def start(title, standard, days_ago, *, person=False, major=False, serious=False):
        """File a case against a natural person (王小明) or the next food business."""
        target = None if person else targets.pop()
        return services.case_file(
            actor=sun,
            body=market,
            title=title,
            party_kind=PartyKind.PERSON if person else PartyKind.ORGANISATION,
            party_name="王小明" if person else target.name,
            party_uscc="" if person else target.uscc,
            party_resident_id="14022219950312201X" if person else "",
            standard=standard,
            is_major=major,
            is_serious=serious,
            officers=pair,
            on=d(days_ago),
        )

    def investigate(case, day):
        services.case_investigate(actor=sun, case=case, on=d(day))
        evidence.seek(0)
        services.evidence_add(
            actor=sun, case=case, title="现场检查笔录", upload=evidence, on=d(day)
        )

    def notify(case, level, fine, day, *, penalty=None, waived_on=None):
        """Notify a fine of `fine` yuan on day `day` (days ago); waive the hearing if asked."""
        services.case_notify(
            actor=sun,
            case=case,
            level=level,
            proposed_penalty=penalty or f"罚款{fine}元",
            proposed_fine=Decimal(fine),
            on=d(day),
        )
        if waived_on is not None:
            services.case_waive(actor=sun, case=case, on=d(waived_on))

    def decide(case, fine, day, **extra):
        services.case_decide(
            actor=sun,
            case=case,
            decision_kind=DecisionKind.PENALTY,
            fine=Decimal(fine),
            on=d(day),
            **extra,
        )

    def review(case, approved, opinion, day):
        services.case_submit_review(actor=sun, case=case, on=d(day + 3))
        services.case_review(
            actor=reviewer, case=case, approved=approved, opinion=opinion, on=d(day)
        )

    def d(n):
        return today - dt.timedelta(days=n)

    # 1: just filed
    start("涉嫌未取得食品经营许可从事食品经营", s_food, 1)
    # 2: investigating
    c = start("涉嫌经营超过保质期的食品", s_expired, 6)
    investigate(c, 5)
    # 3: notified, within the hearing window
    c = start("涉嫌不按规定明码标价", s_price, 10)
    investigate(c, 9)
    notify(c, "general", "2000", 2)
    # 4: hearing requested (natural person)
    c = start("涉嫌未取得食品经营许可从事食品经营(流动摊贩)", s_food, 20, person=True)
    investigate(c, 19)
    notify(c, "minor", "8000", 4)
    services.case_request_hearing(actor=sun, case=c, on=d(3))
    # 5: major case waiting for legal review, its decision period running out
    c = start("涉嫌未取得食品经营许可从事食品经营(货值较大)", s_food, 85, major=True)
    investigate(c, 80)
    notify(c, "serious", "60000", 30, penalty="罚款60000元,没收违法所得", waived_on=29)
    services.case_submit_review(actor=sun, case=c, on=d(20))
    # 6: first-offence exemption, decided no penalty, served and closed
    c = start("经营超过保质期的食品(首违)", s_expired, 40)
    investigate(c, 39)
    services.case_notify(
        actor=sun,
        case=c,
        level="minor",
        first_offence=True,
        corrected_promptly=True,
        harm="minor",
        proposed_penalty="不予处罚",
        proposed_fine=None,
        on=d(35),
    )
    services.case_waive(actor=sun, case=c, on=d(35))
    services.case_decide(
        actor=sun, case=c, decision_kind=DecisionKind.NO_PENALTY, fine=None, on=d(33)
    )
    services.case_serve(actor=sun, case=c, on=d(32))
    services.case_close(actor=sun, case=c, on=d(30))
    # 7-9: decided, served, published, executed and closed
    for i, (level, fine) in enumerate(
        [("general", "25000"), ("minor", "6000"), ("general", "30000")]
    ):
        c = start(f"未取得食品经营许可从事食品经营({i + 1})", s_food, 70 - i * 5)
        investigate(c, 68 - i * 5)
        notify(c, level, fine, 60 - i * 5, waived_on=59 - i * 5)
        decide(c, fine, 50 - i * 5)
        services.case_serve(actor=sun, case=c, on=d(49 - i * 5))
        services.case_publish(actor=sun, case=c, on=d(47 - i * 5))
        if i < 2:
            services.case_execute(actor=sun, case=c, on=d(40 - i * 5))
            services.case_close(actor=sun, case=c, on=d(39 - i * 5))
    # 10: major and serious, reviewed, discussed, decided outside the range with a reason, not yet served
    c = start("未取得食品经营许可从事食品经营(集体讨论)", s_food, 50, major=True, serious=True)
    investigate(c, 49)
    notify(c, "general", "15000", 30, waived_on=30)
    review(c, True, "主体适格,程序合法,证据充分;减轻处罚理由成立,同意", 22)
    services.case_discuss(actor=sun, case=c, minutes="局务会集体讨论,同意给予罚款15000元", on=d(10))
    decide(
        c, "15000", 2, outside_range_reason="当事人主动停业并补办许可,危害后果已消除,依法减轻处罚"
    )
    # 11: decided, service overdue alert (decided 12 days ago, not served)
    c = start("不按规定明码标价(逾期未送达)", s_price, 30)
    investigate(c, 29)
    notify(c, "serious", "4000", 25, waived_on=25)
    decide(c, "4000", 12)
    # 12: returned by legal review for more investigation
    c = start("经营超过保质期的食品(退回补充调查)", s_expired, 45, major=True)
    investigate(c, 44)
    notify(c, "serious", "60000", 20, waived_on=20)
    review(c, False, "货值金额证据不足,请补充进货凭证后重新提交", 12)
    return PenaltyCase.objects.filter(body=market).count()
