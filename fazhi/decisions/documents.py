"""The dossier's official documents as text: what each says, from the dossier's own records.

Pure: each function reads a decision (and its child rows) and returns the `core.documents.render`
arguments except the 文号 and the date, which the issuing service gives. The documents are
Chinese whatever the interface language: they are published and kept on file.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.dates import day

from .choices import DocumentKind
from .models import Decision

LAW = "《重大行政决策程序暂行条例》"


@dataclass(frozen=True)
class Draft:
    title: str
    issuer: str
    paragraphs: list[str]
    addressee: str = ""


def _d(value) -> str:
    return day(value, chinese=True) if value else ""


def consultation_notice(decision: Decision, consultation) -> Draft:
    """征求意见公告 (Art. 15): the draft, its explanation, the period and how to comment."""
    period = f"征求意见期限:{_d(consultation.opens_on)}至{_d(consultation.closes_on)}。"
    if consultation.short_reason:
        period += f"因{consultation.short_reason.rstrip('。')},征求意见期限少于30日。"
    paragraphs = [
        f"根据{LAW}第十四条、第十五条规定,现将《{decision.title}》及其说明全文公布,"
        "公开征求社会公众意见。",
        period,
        "提出意见的方式:登录本级政府门户网站“决策草案征求意见”栏目在线提交,无需注册;"
        "意见经审核后公开,意见采纳情况将在征求意见结束后公布。",
        "决策草案及说明:",
        *[p for p in consultation.draft_text.splitlines() if p.strip()],
    ]
    return Draft(
        title=f"关于《{decision.title}》公开征求意见的公告",
        issuer=decision.drafting_unit.name,
        paragraphs=paragraphs,
    )


def expert_summary(decision: Decision) -> Draft:
    """专家论证意见综述 (Arts. 19–20): how the experts were drawn, each opinion, the summary."""
    paragraphs = [
        f"根据{LAW}第十九条、第二十条规定,{decision.drafting_unit.name}组织专家对"
        f"《{decision.title}》的必要性、可行性、科学性进行了论证。"
    ]
    for draw in decision.draws.prefetch_related("selected"):
        names = "、".join(e.name for e in draw.selected.all())
        excluded = (
            f",{len(draw.excluded)}名与决策事项有利害关系的专家已回避" if draw.excluded else ""
        )
        paragraphs.append(
            f"专家由专家库“{draw.field}”领域随机抽取{draw.count}名{excluded}:候选名单SM3为"
            f"{draw.candidates_sm3},抽取前公布的种子承诺值为{draw.commitment},抽取时揭示的种子为"
            f"{draw.seed},任何人可据此复核抽取结果。抽取的专家:{names}。"
        )
    for n, o in enumerate(decision.opinions.select_related("expert"), start=1):
        stance = "(持不同意见)" if o.dissenting else ""
        paragraphs.append(
            f"{n}. {o.expert.name}({o.expert.employer}){stance},{_d(o.given_on)}书面意见:{o.text}"
        )
    paragraphs.append(f"综述:{decision.expert_summary}")
    if decision.expert_dissent_note:
        paragraphs.append(f"听取不同意见情况:{decision.expert_dissent_note}")
    return Draft(
        title=f"关于《{decision.title}》的专家论证意见综述",
        issuer=decision.drafting_unit.name,
        paragraphs=paragraphs,
    )


def review_opinion(decision: Decision) -> Draft:
    """合法性审查意见书 (Arts. 25–28), from the legality-review body to the drafting unit."""
    advisers = "、".join(
        f"{a.adviser.name}({a.adviser.get_kind_display()})"
        for a in decision.advice.select_related("adviser")
    )
    paragraphs = [
        f"你单位于{_d(decision.review_submitted_on)}送请审查的《{decision.title}》及相关材料收悉。"
        f"根据{LAW}第二十五条至第二十八条规定,我单位对决策事项是否符合法定权限、决策草案的形成"
        "是否履行相关法定程序、决策草案内容是否符合有关法律法规规章和国家政策的规定进行了审查,"
        f"并组织{advisers}提出了法律意见。",
        f"审查结论:{decision.get_review_conclusion_display()}。",
        *[p for p in decision.review_opinion.splitlines() if p.strip()],
        "请根据本审查意见对决策草案进行必要的调整或者补充。",
    ]
    return Draft(
        title=f"关于《{decision.title}》的合法性审查意见书",
        issuer=decision.review_unit.name,
        addressee=f"{decision.drafting_unit.name}:",
        paragraphs=paragraphs,
    )


def publication_notice(decision: Decision) -> Draft:
    """决策公布公告 (Art. 32), with how public and expert views were used."""
    paragraphs = [
        f"《{decision.title}》已经{_d(decision.meeting_on)}{decision.body.name}"
        f"{decision.get_meeting_kind_display()}讨论决定,现予公布。",
        *[p for p in decision.options.splitlines() if p.strip()],
    ]
    if decision.explanation:
        paragraphs.append(f"公众意见、专家论证意见的采纳情况:{decision.explanation}")
    if decision.implementing_unit_id:
        paragraphs.append(f"本决策由{decision.implementing_unit.name}负责执行。")
    return Draft(
        title=f"{decision.body.name}关于公布《{decision.title}》的公告",
        issuer=decision.body.name,
        paragraphs=paragraphs,
    )


def ready(decision: Decision, kind: str, consultation=None) -> bool:
    """Whether the dossier has reached the point where the document can be issued."""
    if kind == DocumentKind.CONSULTATION_NOTICE:
        return consultation is not None
    if kind == DocumentKind.EXPERT_SUMMARY:
        return decision.expert_done_on is not None
    if kind == DocumentKind.REVIEW_OPINION:
        return decision.review_done_on is not None and bool(decision.review_conclusion)
    return decision.published_on is not None


def draft(decision: Decision, kind: str, consultation=None) -> Draft:
    if kind == DocumentKind.CONSULTATION_NOTICE:
        return consultation_notice(decision, consultation)
    if kind == DocumentKind.EXPERT_SUMMARY:
        return expert_summary(decision)
    if kind == DocumentKind.REVIEW_OPINION:
        return review_opinion(decision)
    return publication_notice(decision)
