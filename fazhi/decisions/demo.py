"""Demo data: 2026 catalogues of the county government and two departments; three dossiers.

One decision has gone through all five procedures and is published (with an archive to
export), one is open for public comment, one is held by an uncontrollable risk.
Idempotent: nothing is added when the county government's 2026 catalogue exists.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.actors import SYSTEM
from fazhi.core.demo import unit_by_name
from fazhi.core.models import OrgUnit

from .choices import DocumentKind, HeadDecision, MeetingKind, Procedure, ReviewConclusion, RiskLevel
from .models import Catalog
from .services import catalogs, consultations, documents, dossier, experts

ALL = list(Procedure.values)
GOVERNMENT = "天镇县人民政府"
HOUSING = "天镇县住房和城乡建设局"
REFORM = "天镇县发展和改革局"
JUSTICE = "天镇县司法局"
# Each body's 2026 catalogue and the day it is published; an entry is the matter, its scope, the
# lead unit, the goal, the due date, the procedures it needs and whether a hearing is held.
CATALOGS = [
    (
        GOVERNMENT,
        dt.date(2026, 4, 24),
        [
            (
                "天镇县城老旧小区改造三年行动方案(2026—2028年)",
                "县城建成区2000年以前建成的老旧小区",
                HOUSING,
                "三年完成改造68个小区",
                dt.date(2026, 9, 30),
                ALL,
                False,
            ),
            (
                "天镇县城区集中供热价格调整",
                "县城集中供热区域居民和非居民用户",
                REFORM,
                "完成成本监审和调价",
                dt.date(2026, 10, 31),
                ALL,
                True,
            ),
            (
                "天镇县城南片区棚户区改造征收补偿方案",
                "城南片区棚户区",
                HOUSING,
                "年内完成征收补偿方案",
                dt.date(2026, 12, 31),
                ALL,
                False,
            ),
        ],
    ),
    (
        HOUSING,
        dt.date(2026, 4, 28),
        [
            (
                "天镇县物业服务收费管理办法",
                "县城住宅小区物业服务",
                HOUSING,
                "规范物业服务收费",
                dt.date(2026, 11, 30),
                [Procedure.PUBLIC_PARTICIPATION],
                False,
            )
        ],
    ),
    (
        REFORM,
        dt.date(2026, 5, 12),  # after 30 April: the (九) task shows it late
        [
            (
                "天镇县县城公共停车收费标准",
                "县城公共停车场和道路停车泊位",
                REFORM,
                "制定停车收费标准",
                dt.date(2026, 10, 31),
                [Procedure.PUBLIC_PARTICIPATION, Procedure.RISK_ASSESSMENT],
                True,
            )
        ],
    ),
]


def _unit(name: str) -> OrgUnit:
    unit = unit_by_name(name)
    if unit is None:
        raise RuntimeError(f"演示数据需要单位名录中的“{name}”")
    return unit


def _catalog(body, entries, published_on):
    catalog = catalogs.catalog_create(actor=SYSTEM, body=body, year=2026)
    for matter, scope, lead, goal, due, procedures, hearing in entries:
        catalogs.catalog_entry_add(
            actor=SYSTEM,
            catalog_id=catalog.pk,
            version=None,
            matter=matter,
            scope_text=scope,
            lead_unit=_unit(lead),
            goal=goal,
            due_on=due,
            procedures=procedures,
            hearing=hearing,
        )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        approved_on=published_on - dt.timedelta(days=7),
        approval_ref="中共天镇县委常委会会议研究同意",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=published_on
    )
    catalog.refresh_from_db()
    return catalog


def _decision(entry, title):
    return dossier.decision_create(
        actor=SYSTEM,
        body=entry.catalog.body,
        drafting_unit=entry.lead_unit,
        entry=entry,
        title=title,
        options="方案一:政府投资为主;方案二:政府、产权单位和居民共担",
        justification="依据国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见及省实施方案起草",
    )


def _consult(decision, opens_on, closes_on):
    return dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=opens_on,
        closes_on=closes_on,
        draft_text=f"{decision.title}(征求意见稿)\n\n{decision.options}",
    )


def _participation(decision):
    consultation = _consult(decision, dt.date(2026, 5, 6), dt.date(2026, 6, 5))
    comment = consultations.comment_submit(
        actor=SYSTEM,
        consultation_id=consultation.pk,
        text="建议优先改造没有电梯的多层住宅,并公开资金使用明细。",
        client="demo",
        author_name="县城居民",
        as_of=dt.date(2026, 5, 20),
    )
    consultations.comment_moderate(actor=SYSTEM, comment_id=comment.pk, version=None, approve=True)
    consultations.consultation_close(
        actor=SYSTEM, consultation_id=consultation.pk, version=None, as_of=dt.date(2026, 6, 6)
    )
    consultations.consultation_summarise(
        actor=SYSTEM,
        consultation_id=consultation.pk,
        version=None,
        summary="共收到意见1条,已采纳:改造顺序优先多层无电梯住宅,资金使用情况按季度公开。",
        summarised_on=dt.date(2026, 6, 8),
    )
    dossier.decision_finish_participation(
        actor=SYSTEM, decision_id=decision.pk, version=None, done_on=dt.date(2026, 6, 8)
    )


def _experts(decision, keeper):
    for i, (name, employer) in enumerate(
        [
            ("赵明", "山西大学"),
            ("钱丽", "太原理工大学"),
            ("孙强", "大同大学"),
            ("李娟", "省城乡规划设计研究院"),
            ("周涛", "大同市规划设计院"),
        ],
        start=1,
    ):
        experts.expert_create(
            actor=SYSTEM,
            code=f"TZ{i:04d}",
            name=name,
            fields=["城乡规划", "公共财政"],
            employer=employer,
            keeper=keeper,
        )
    _argue(
        decision,
        "城乡规划",
        [
            ("对居民出资比例有不同意见,建议设置困难家庭减免。", True),
            ("方案总体可行。", False),
            ("方案总体可行。", False),
        ],
        "三位专家认为方案可行;一位专家对居民出资比例持不同意见,已吸收困难家庭减免建议。",
        dt.date(2026, 6, 15),
    )


def _argue(decision, field, opinions, summary, given_on):
    """A verifiable draw of as many experts as `opinions` (text, dissenting), their written
    opinions in code order, and the summary three days later."""
    experts.draw_commit(
        actor=SYSTEM, decision_id=decision.pk, version=None, field=field, count=len(opinions)
    )
    draw = experts.decision_run_draw(actor=SYSTEM, decision_id=decision.pk)
    for expert, (text, dissenting) in zip(draw.selected.order_by("code"), opinions, strict=True):
        experts.decision_record_opinion(
            actor=SYSTEM,
            decision_id=decision.pk,
            version=None,
            expert=expert,
            text=text,
            dissenting=dissenting,
            given_on=given_on,
        )
    experts.decision_finish_expert(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        summary=summary,
        done_on=given_on + dt.timedelta(days=3),
    )


def _proceed(decision, steps) -> None:
    """Take each step of the dossier in order: a service and what it records."""
    for service, fields in steps:
        service(actor=SYSTEM, decision_id=decision.pk, version=None, **fields)


def load(stdout) -> None:
    government = _unit(GOVERNMENT)
    if Catalog.objects.filter(body=government, year=2026).exists():
        stdout.write("重大行政决策:演示数据已存在")
        return
    housing, justice = _unit(HOUSING), _unit(JUSTICE)
    county, *_others = [
        _catalog(_unit(body), entries, published_on) for body, published_on, entries in CATALOGS
    ]
    entries = list(county.entries.order_by("sequence"))
    adviser = experts.adviser_create(
        actor=SYSTEM,
        name="王律师",
        kind="legal_adviser",
        employer="山西晋北律师事务所",
        unit=government,
    )

    done = _decision(entries[0], entries[0].matter)
    _participation(done)
    _experts(done, justice)
    _proceed(
        done,
        [
            (
                dossier.decision_assess_risk,
                dict(
                    level=RiskLevel.CONTROLLABLE,
                    report="社会稳定风险评估:风险等级低,可控。",
                    assessed_on=dt.date(2026, 6, 22),
                ),
            ),
            (
                dossier.decision_submit_review,
                dict(
                    review_unit=justice,
                    submitted_on=dt.date(2026, 6, 23),
                    basis=(
                        "依据《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》;"
                        "已履行公众参与、专家论证、风险评估程序,材料附后。"
                    ),
                    due_on=dt.date(2026, 7, 3),
                ),
            ),
            (
                dossier.decision_record_advice,
                dict(
                    adviser=adviser,
                    text="程序符合规定,建议补充资金监管条款。",
                    given_on=dt.date(2026, 6, 29),
                ),
            ),
            (
                dossier.decision_review,
                dict(
                    conclusion=ReviewConclusion.REVISE,
                    opinion="补充资金监管条款后合法。",
                    done_on=dt.date(2026, 7, 3),
                ),
            ),
            (
                dossier.decision_discuss,
                dict(
                    meeting_kind=MeetingKind.STANDING,
                    meeting_on=dt.date(2026, 7, 8),
                    minutes="县人民政府第15次常务会议讨论通过。",
                    head_name="县长",
                    head_decision=HeadDecision.ADOPT,
                    dissent="无",
                ),
            ),
            (
                dossier.decision_attach,
                dict(
                    title="社会稳定风险评估报告",
                    upload=SimpleUploadedFile(
                        "风险评估报告.txt", "社会稳定风险评估报告(演示)\n风险等级:低\n".encode()
                    ),
                ),
            ),
            (
                dossier.decision_publish,
                dict(
                    published_on=dt.date(2026, 7, 10),
                    explanation="采纳公众意见1条、专家意见1条(困难家庭减免)。",
                    implementing_unit=housing,
                ),
            ),
        ],
    )
    for kind, prefix, on in [
        (DocumentKind.CONSULTATION_NOTICE, "天建公", dt.date(2026, 5, 4)),
        (DocumentKind.EXPERT_SUMMARY, "天建论", dt.date(2026, 6, 18)),
        (DocumentKind.REVIEW_OPINION, "天司审", dt.date(2026, 7, 3)),
        (DocumentKind.PUBLICATION_NOTICE, "天政公", dt.date(2026, 7, 10)),
    ]:
        documents.document_issue(
            actor=SYSTEM, decision_id=done.pk, version=None, kind=kind, prefix=prefix, issued_on=on
        )

    heating = _decision(entries[1], entries[1].matter)
    _consult(heating, dt.date(2026, 11, 20), dt.date(2026, 12, 31))

    blocked = _decision(entries[2], entries[2].matter)
    _participation(blocked)
    _argue(
        blocked,
        "公共财政",
        [("补偿标准偏低。", True), ("补偿标准偏低。", True)],
        "专家认为补偿标准偏低。",
        dt.date(2026, 6, 19),
    )
    dossier.decision_assess_risk(
        actor=SYSTEM,
        decision_id=blocked.pk,
        version=None,
        level=RiskLevel.UNCONTROLLABLE,
        report="涉及征收住户312户,补偿标准争议大,存在群体性上访风险,现阶段不可控。",
        assessed_on=dt.date(2026, 6, 30),
    )
    stdout.write(f"重大行政决策:3 个年度目录,3 件决策案卷(已公布 {done.number})")
