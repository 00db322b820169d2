"""Demo data for the disputes app: idempotent (each part is skipped once its rows exist)."""

from __future__ import annotations

import datetime as dt
import random

from django.core.cache import cache
from django.db import transaction

from fazhi.core import dates
from fazhi.core.demo import unit_by_name
from fazhi.core.models import User

from . import services
from .choices import PartyKind
from .models import LitigationCase, MediationCase, ReconsiderationCase, ReconsiderationOffice

RESPONDENTS = [
    "天镇县市场监督管理局",
    "天镇县公安局",
    "天镇县规划和自然资源局",
    "天镇县人力资源和社会保障局",
    "天镇县住房和城乡建设局",
    "天镇县城市管理局",
    "天镇县生态环境局",
    "天镇县行政审批服务管理局",
    "天镇县玉泉镇人民政府",
    "天镇县交通运输局",
]
ACTS = [
    "罚款{n}元的行政处罚决定",
    "不予登记的决定",
    "责令限期拆除决定",
    "工伤认定决定",
    "政府信息公开答复",
    "吊销许可证的决定",
    "不履行法定职责",
]
NAMES = [
    "张建国",
    "李秀英",
    "王志强",
    "赵敏",
    "刘晓东",
    "陈桂兰",
    "杨帆",
    "黄丽",
    "周强",
    "吴海燕",
    "孙浩",
    "马俊",
]
DECISIONS = [
    "uphold",
    "annul",
    "reject",
    "confirm_illegal",
    "vary",
    "order_performance",
    "uphold",
    "reject",
]
# The adjudication catalogue: matter, legal basis, the body that decides.
ADJUDICATION_ITEMS = [
    ("自然资源权属争议裁决", "土地管理法第14条", "天镇县规划和自然资源局"),
    ("林木林地权属争议裁决", "森林法第22条", "天镇县林业局"),
    ("水事纠纷裁决", "水法第57条", "天镇县水务局"),
]
# The letters written after a case: who issues each kind, its number, what it asks.
LETTERS = {
    "opinion": (
        "天镇县人民政府",
        "天政复意〔{year}〕{serial}号",
        "规范执法程序,严格执行告知、听证程序。",
    ),
    "judicial": (
        "天镇县人民法院",
        "晋0222司建〔{year}〕{serial}号",
        "建议加强执法人员培训,规范调查取证。",
    ),
}
# Litigation per year: cases, losses, chance a head appears. Rising to 100% by 2025 (measure (十九)).
LITIGATION = {
    2022: (14, 4, 0.55),
    2023: (12, 3, 0.7),
    2024: (10, 2, 0.85),
    2025: (8, 1, 1.0),
    2026: (6, 1, 1.0),
}


def _past(day: dt.date, today: dt.date) -> dt.date:
    return min(day, today)


def load(stdout) -> None:
    bureau = unit_by_name("天镇县司法局")
    clerk = User.objects.filter(username="li.reviewer").first()
    if bureau is None or clerk is None:
        stdout.write("纠纷化解:缺少县司法局或演示账号 li.reviewer,跳过")
        return
    with transaction.atomic():
        ReconsiderationOffice.objects.get_or_create(
            name="天镇县人民政府行政复议办公室",
            defaults={"unit": bureau, "number_prefix": "天政复"},
        )
    cache.delete("fazhi:disputes:office-units")
    clerk = User.objects.get(pk=clerk.pk)
    rng = random.Random(20260101)
    today = dates.today()
    respondents = [u for u in (unit_by_name(n) for n in RESPONDENTS) if u is not None]
    if not respondents:
        stdout.write("纠纷化解:演示单位名录中没有被申请人单位,跳过")
        return
    counts = {}
    if not ReconsiderationCase.objects.exists():
        counts["复议"] = _reconsiderations(clerk, respondents, rng, today) + _open_stages(
            clerk, respondents, today
        )
    if not LitigationCase.objects.exists():
        counts["应诉"] = _litigation(clerk, respondents, rng, today)
    if not MediationCase.objects.exists():
        counts["调解/裁决/信访"] = _casework(clerk, respondents, rng, today)
    stdout.write(
        "纠纷化解:" + (",".join(f"{k} {v} 件" for k, v in counts.items()) or "演示数据已存在")
    )


def _reconsiderations(clerk, respondents, rng, today) -> int:
    n = 0
    for year, count in ((2024, 8), (2025, 10), (2026, 12)):
        for i in range(count):
            received = _past(dt.date(year, 1 + (i * 11) // count, rng.randint(1, 27)), today)
            app = services.Application(
                applicant_kind=PartyKind.PERSON,
                applicant_name=rng.choice(NAMES),
                respondent=rng.choice(respondents),
                act_description=rng.choice(ACTS).format(n=rng.choice([500, 2000, 5000])),
                act_known_on=received - dt.timedelta(days=rng.randint(3, 40)),
                request="请求撤销该行政行为",
                facts_reasons="被申请人认定事实不清、程序违法。",
                applicant_phone="13800000000",
            )
            channel = rng.choice(["counter", "post", "counter"])
            with transaction.atomic():
                case, _ = services.reconsideration_apply(
                    actor=clerk, application=app, channel=channel, received_on=received
                )
                n += 1
                age = (today - received).days
                if age < 4:
                    continue  # still in its acceptance review
                if i % 9 == 4:
                    services.reconsideration_request_supplement(
                        actor=clerk,
                        case=case,
                        requested_on=received,
                        items="身份证明复印件、行政处罚决定书复印件",
                    )
                    if age < 20:
                        continue
                    services.reconsideration_record_supplement(
                        actor=clerk, case=case, supplied_on=received + dt.timedelta(days=5)
                    )
                    received = received + dt.timedelta(days=5)
                if i % 11 == 6:
                    services.reconsideration_refuse(
                        actor=clerk,
                        case=case,
                        refused_on=received + dt.timedelta(days=1),
                        reason="不属于行政复议范围",
                    )
                    continue
                accepted = received + dt.timedelta(days=2)
                case = services.reconsideration_accept(
                    actor=clerk,
                    case=case,
                    accepted_on=accepted,
                    procedure="simplified" if i % 3 == 0 else "ordinary",
                    is_major=i % 5 == 0,
                )
                services.reconsideration_send_copy(
                    actor=clerk, case=case, sent_on=accepted + dt.timedelta(days=1)
                )
                if i % 3 == 1 and accepted + dt.timedelta(days=25) <= today:
                    services.reconsideration_record_hearing(
                        actor=clerk,
                        case=case,
                        kind="hearing",
                        notice_on=accepted + dt.timedelta(days=5),
                        held_on=accepted + dt.timedelta(days=25),
                        place="县司法局听证室",
                        respondent_head_attended=True,
                    )
                if i % 4 == 2 and accepted + dt.timedelta(days=10) <= today:
                    services.reconsideration_record_hearing(
                        actor=clerk,
                        case=case,
                        kind="site_investigation",
                        held_on=accepted + dt.timedelta(days=10),
                        place="现场",
                    )
                if case.is_major and accepted + dt.timedelta(days=15) <= today:
                    services.reconsideration_consult_committee(
                        actor=clerk,
                        case=case,
                        consulted_on=accepted + dt.timedelta(days=15),
                        opinion="委员会多数意见认为应予撤销。",
                    )
                decided = accepted + dt.timedelta(
                    days=rng.randint(20, 28)
                    if case.procedure == "simplified"
                    else rng.randint(30, 50)
                )
                if decided > today - dt.timedelta(days=3):
                    continue  # still being heard
                if (
                    case.procedure == "ordinary"
                    and not case.hearings.filter(kind="hearing").exists()
                ):
                    # Art. 49: the parties' views are heard before an ordinary-procedure decision.
                    services.reconsideration_record_hearing(
                        actor=clerk,
                        case=case,
                        kind="views",
                        held_on=accepted + dt.timedelta(days=7),
                        participants="申请人、被申请人",
                        summary="通过电话听取申请人和被申请人的意见,已记录在案。",
                    )
                kind = DECISIONS[(i + year) % len(DECISIONS)]
                case = services.reconsideration_decide(
                    actor=clerk,
                    case=case,
                    decided_on=decided,
                    decision_type=kind,
                    doc_number=f"天政复〔{year}〕{i + 1}号",
                    text=f"申请人{case.applicant_name}(电话13800000000)不服被申请人{case.act_description},本机关依法审理,决定如下:……",
                )
                if decided + dt.timedelta(days=5) <= today:
                    services.reconsideration_publish(
                        actor=clerk, case=case, published_on=decided + dt.timedelta(days=5)
                    )
                if kind in ("annul", "confirm_illegal") and i % 2 == 1:
                    _letter(
                        clerk,
                        today,
                        "opinion",
                        year,
                        i + 1,
                        decided,
                        addressee=case.respondent,
                        reconsideration=case,
                    )
    return n


def _litigation(clerk, respondents, rng, today) -> int:
    n = 0
    for year, (count, losses, head_chance) in LITIGATION.items():
        for i in range(count):
            filed = _past(
                dt.date(year, 1 + (i * 10) // count, rng.randint(1, 25)),
                today - dt.timedelta(days=3),
            )
            with transaction.atomic():
                case = services.litigation_register(
                    actor=clerk,
                    court_case_number=f"({year})晋0222行初{i + 1}号",
                    defendant=rng.choice(respondents),
                    plaintiff_name=rng.choice(NAMES),
                    cause=rng.choice(
                        ["行政处罚", "行政强制", "行政登记", "信息公开", "行政不作为"]
                    ),
                    filed_on=filed,
                    served_on=filed + dt.timedelta(days=3),
                    head_notified=i % 4 == 0,
                )
                n += 1
                if filed + dt.timedelta(days=15) <= today:
                    services.litigation_submit_defence(
                        actor=clerk,
                        case=case,
                        submitted_on=filed + dt.timedelta(days=rng.randint(8, 15)),
                    )
                held = filed + dt.timedelta(days=40)
                if held > today:
                    continue
                if i < round(count * head_chance):
                    principal = rng.random() < 0.5
                    services.litigation_record_hearing(
                        actor=clerk,
                        case=case,
                        held_on=held,
                        appearance="principal" if principal else "deputy",
                        head_name=rng.choice(["郭", "韩", "曹", "冯"])
                        + ("局长" if principal else "副局长"),
                        head_title="局长" if principal else "副局长",
                        head_spoke=rng.random() < 0.9,
                        staff_names="法制股工作人员",
                    )
                else:
                    services.litigation_record_hearing(
                        actor=clerk,
                        case=case,
                        held_on=held,
                        appearance="staff_only",
                        staff_names="法制股股长",
                        absence_reason="负责人参加县政府常务会议",
                    )
                closed = held + dt.timedelta(days=30)
                if closed > today:
                    continue
                outcome = (
                    "lost" if i < losses else rng.choice(["won", "won", "withdrawn", "settled"])
                )
                services.litigation_close(
                    actor=clerk, case=case, closed_on=closed, outcome=outcome, summary=""
                )
                if outcome == "lost" and year >= 2024:
                    _letter(
                        clerk,
                        today,
                        "judicial",
                        year,
                        i + 1,
                        closed,
                        addressee=case.defendant,
                        litigation=case,
                    )
    return n


def _open_stages(clerk, respondents, today) -> int:
    """Seven current cases, one at each open stage (and a suspended and a terminated one)."""

    def apply(name: str, days_ago: int, channel: str = "counter"):
        received = today - dt.timedelta(days=days_ago)
        app = services.Application(
            applicant_kind=PartyKind.PERSON,
            applicant_name=name,
            respondent=respondents[days_ago % len(respondents)],
            act_description="罚款2000元的行政处罚决定",
            act_known_on=received - dt.timedelta(days=7),
            request="请求撤销该行政处罚决定",
            facts_reasons="处罚前未告知陈述申辩权利。",
            applicant_phone="13800000000",
        )
        case, _ = services.reconsideration_apply(
            actor=clerk, application=app, channel=channel, received_on=received
        )
        return case

    def accepted(name: str, days_ago: int, after: int, procedure: str, is_major=False):
        case = apply(name, days_ago)
        return services.reconsideration_accept(
            actor=clerk,
            case=case,
            accepted_on=case.received_on + dt.timedelta(days=after),
            procedure=procedure,
            is_major=is_major,
        )

    with transaction.atomic():
        apply("郑小军", 1)  # awaiting acceptance review
        waiting = apply("冯玉梅", 2, "post")
        services.reconsideration_request_supplement(
            actor=clerk, case=waiting, requested_on=today, items="行政处罚决定书复印件"
        )
        heard = accepted("褚国庆", 12, 1, "ordinary", is_major=True)
        services.reconsideration_send_copy(actor=clerk, case=heard, sent_on=heard.accepted_on)
        extended = accepted("卫红", 45, 2, "ordinary")
        services.reconsideration_extend(
            actor=clerk,
            case=extended,
            approved_on=today,
            approver="县司法局副局长",
            days=30,
            reason="需委托鉴定",
        )
        decided = accepted("蒋涛", 25, 1, "simplified")
        services.reconsideration_decide(
            actor=clerk,
            case=decided,
            decided_on=today,
            decision_type="confirm_illegal",
            doc_number=f"天政复〔{today.year}〕99号",
            text=f"申请人{decided.applicant_name}不服被申请人罚款决定,经审理,该决定程序违法,确认违法。",
        )
        # Suspended on ground 39 (1): the deadline page shows its automatic termination date.
        suspended = accepted("钱永福", 40, 1, "ordinary")
        services.reconsideration_suspend(
            actor=clerk,
            case=suspended,
            ground="applicant_died",
            suspended_on=today - dt.timedelta(days=20),
            note="申请人去世,其近亲属尚未确定是否参加行政复议",
        )
        withdrawn = accepted("韩梅", 30, 1, "simplified")
        services.reconsideration_terminate(
            actor=clerk,
            case=withdrawn,
            ground="withdrawn",
            terminated_on=today - dt.timedelta(days=5),
            note="双方达成和解,申请人撤回行政复议申请",
        )
    return 7


def _letter(clerk, today, kind: str, year: int, serial: int, issued_on, **fields) -> None:
    """A letter issued after a decision or judgment; answered when older than six weeks."""
    issuer, number, content = LETTERS[kind]
    letter = services.letter_issue(
        actor=clerk,
        kind=kind,
        issuer=issuer,
        doc_number=number.format(year=year, serial=serial),
        issued_on=issued_on,
        content=content,
        **fields,
    )
    replied = letter.issued_on + dt.timedelta(days=40)
    if replied <= today:
        services.letter_reply(
            actor=clerk,
            letter=letter,
            replied_on=replied,
            text="已组织专题整改,修订执法程序规定并开展培训。",
        )


def _casework(clerk, respondents, rng, today) -> int:
    n = 0
    with transaction.atomic():
        for i, (category, parties) in enumerate(
            [
                ("消费者权益", "刘某与某超市"),
                ("交通损害赔偿", "陈某与王某"),
                ("房屋土地征收", "杨某与村委会"),
                ("环境污染", "村民与某养殖场"),
            ]
        ):
            m = services.mediation_register(
                actor=clerk,
                unit=respondents[i % len(respondents)],
                kind="administrative",
                category=category,
                parties=parties,
                subject=f"{category}纠纷",
                received_on=today - dt.timedelta(days=60 - i * 10),
            )
            n += 1
            if i < 3:
                m = services.mediation_record_result(
                    actor=clerk,
                    case=m,
                    agreed=i != 2,
                    on=m.received_on + dt.timedelta(days=7),
                    summary="双方自愿达成协议" if i != 2 else "",
                )
            if i == 0:
                services.mediation_refer_confirmation(
                    actor=clerk,
                    case=m,
                    requested_on=m.agreement_on + dt.timedelta(days=2),
                    confirmed_on=m.agreement_on + dt.timedelta(days=12),
                )
        items = [
            services.adjudication_item_save(
                actor=clerk,
                name=name,
                legal_basis=basis,
                unit=unit_by_name(unit) or respondents[0],
            )
            for name, basis, unit in ADJUDICATION_ITEMS
        ]
        case = services.adjudication_register(
            actor=clerk,
            item=items[0],
            applicant_name="某村村民委员会",
            other_party="某村村民委员会(邻村)",
            received_on=today - dt.timedelta(days=90),
        )
        services.adjudication_decide(
            actor=clerk,
            case=case,
            decided_on=today - dt.timedelta(days=30),
            result="争议地块确认归申请人集体所有",
        )
        services.adjudication_register(
            actor=clerk,
            item=items[2],
            applicant_name="某合作社",
            other_party="某村民",
            received_on=today - dt.timedelta(days=10),
        )
        petition_unit = unit_by_name("天镇县信访局") or respondents[0]
        for i, subject in enumerate(
            ["拖欠农民工工资", "征地补偿标准", "小区供暖不达标", "低保资格认定", "道路施工扰民"]
        ):
            p = services.petition_register(
                actor=clerk,
                unit=petition_unit,
                petitioner_name=rng.choice(NAMES),
                subject=subject,
                content="",
                received_on=today - dt.timedelta(days=70 - i * 14),
            )
            n += 1
            if i < 4:
                p = services.petition_accept(
                    actor=clerk,
                    petition=p,
                    accepted_on=p.received_on + dt.timedelta(days=5),
                    redirect_route="劳动人事争议仲裁" if i == 0 else "",
                )
            if i == 1:
                services.petition_reply(
                    actor=clerk,
                    petition=p,
                    replied_on=p.accepted_on + dt.timedelta(days=40),
                    reply_kind="explain",
                    text="经核实,补偿标准符合规定,已向信访人解释说明。",
                )
    return n
