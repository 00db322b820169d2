"""The legality-review assistant: rules over a draft's sentences. Pure: no Django import.

Each rule reads the draft (and the editable table of laws) and returns findings that point
at one sentence, so the reviewer sees the words and the rule side by side. The rules follow
国办发〔2018〕37号: a normative document may not create licences, penalties, compulsory
measures or fees, nor reduce rights or add duties without a legal basis; it states its basis,
a validity period, and leaves time between publication and entry into force.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import cn2an

from .sentences import Sentence, split_sentences


@dataclass(frozen=True)
class LawEntry:
    """One version of a law in the editable table (法律法规状态表)."""

    title: str
    years: tuple[int, ...]  # years of promulgation and amendment this entry covers
    in_force: bool
    successor: str = ""
    changed_on: dt.date | None = None


@dataclass(frozen=True)
class DraftFacts:
    title: str
    body: str
    legal_basis: str = ""
    published_on: dt.date | None = None
    effective_on: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Limits:
    validity_years: int = 5
    provisional_validity_years: int = 2
    effective_gap_days: int = 30


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    sentence: str = ""
    start: int | None = None
    end: int | None = None


def _(text: str) -> str:
    """Marks a rule name for the English catalogue; it is translated where it is shown
    (templatetags), and stays Chinese in the opinion letter. Keeps this module Django-free."""
    return text


RULE_LABELS = {
    "creates_licence": _("设定行政许可"),
    "creates_penalty": _("设定行政处罚"),
    "creates_compulsory_measure": _("设定行政强制措施"),
    "creates_fee": _("设定收费"),
    "reduces_rights": _("减损权利或增加义务"),
    "no_validity": _("未规定有效期"),
    "validity_too_long": _("有效期超过上限"),
    "effective_too_soon": _("公布后施行过早"),
    "superseded_law": _("引用已修订或废止的法律"),
    "missing_basis": _("缺少制定依据"),
    "reviewer": _("审核人员发现的问题"),
}

_GAP = r"[^。；;，,]{0,20}"
_LOOSE = r"[^。；;]{0,30}"  # may cross a comma: "未取得许可证的,不得经营"
_AMOUNT = r"[0-9０-９一二两三四五六七八九十百千万〇零.]+\s*(?:余|多)?\s*元"
_BASIS_IN_SENTENCE = re.compile(
    r"(依照|依据|根据|按照)[^。；]{0,40}(《|法律|法规|规章)|法律、?法规(另有|已有)?规定"
)
_CREATES = {
    "creates_licence": (
        re.compile(
            r"(须|需|需要|应当|应)(经|报|取得)" + _GAP + r"(批准|审批|许可|同意)"
            r"|实行" + _GAP + r"(许可|审批)制度|办理" + _GAP + r"许可证"
            r"|未经" + _GAP + r"(批准|许可|审批)"
            r"|(须|需|应当|应|必须)" + _GAP + r"取得" + _GAP + r"(许可证|许可|执照|批准文件|资格证)"
            r"|未(取得|办理)" + _GAP + r"(许可证|许可|执照|批准文件)" + _LOOSE + r"不得"
        ),
        "规范性文件不得设定行政许可(行政许可法第十七条;国办发〔2018〕37号)",
    ),
    "creates_penalty": (
        re.compile(
            r"处以?" + _GAP + r"(罚款|拘留)|予以罚款|并处|没收" + _GAP + r"(违法所得|非法财物|财物)"
            r"|罚款\s*" + _AMOUNT + r"|" + _AMOUNT + r"(以上|以下)?" + _GAP + r"罚款"
            r"|吊销" + _GAP + r"(许可证|执照)|暂扣" + _GAP + r"(许可证|执照)|责令停产停业"
        ),
        "规范性文件不得设定行政处罚(行政处罚法第十六条)",
    ),
    "creates_compulsory_measure": (
        re.compile(
            r"(查封|扣押|冻结)" + _GAP + r"(场所|设施|财物|存款|汇款|物品|车辆)"
            r"|强制(拆除|执行|清除|带离)|限制人身自由"
        ),
        "规范性文件不得设定行政强制措施(行政强制法第十条)",
    ),
    "creates_fee": (
        re.compile(r"(收取|缴纳|交纳|征收|收缴)" + _GAP + r"(费|保证金|押金)|收费标准"),
        "规范性文件不得设定收费项目(国办发〔2018〕37号)",
    ),
}
_SUBJECT = re.compile(
    r"公民|法人|其他组织|个人|企业|经营者|经营户|商户|申请人|市场主体|群众|村民|居民|从业人员|业主|养殖户"
)
_DUTY = re.compile(
    r"不得|禁止|严禁|一律|必须|限制|应当" + _GAP + r"(提交|提供|缴纳|交纳|承担|购买|参加|签订|出具)"
)
_VALIDITY_YEARS = re.compile(r"有效期(?:为|是)?\s*([0-9０-９一二两三四五六七八九十]{1,3})\s*年")
_VALIDITY_DATE = re.compile(r"有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_IMMEDIATE = re.compile(r"自(公布|印发|发布|下发)之日起(施行|实施|执行|生效)")
_URGENT_REASON = re.compile(r"紧急|急需|确需|不立即施行|立即施行将|立即施行的理由")
_BASIS_ANYWHERE = re.compile(r"(根据|依据|依照|按照)[^。；]{0,10}《")
# A citation, with the edition in brackets as a year (2017年修正) or as a date of adoption or
# amendment (1996年3月17日第八届全国人民代表大会第四次会议通过).
CITATION = re.compile(
    r"《(?P<title>[^《》]{2,60})》\s*(?:[（(]\s*(?P<year>\d{4})\s*年?"
    r"(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?[^()（）《》]{0,60}[)）])?"
)
_PREFIX = "中华人民共和国"
_NAMED_SOURCE = re.compile(r"《[^《》]{2,60}》|[〔\[［(（]\s*(19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号")


def review(facts: DraftFacts, laws: Iterable[LawEntry], limits: Limits = Limits()) -> list[Finding]:
    """Every finding for a draft, in the order the sentences appear, then whole-text ones."""
    sentences = split_sentences(facts.body)
    findings: list[Finding] = []
    law_index = _index_laws(laws)
    for sentence in sentences:
        findings.extend(_powers(sentence))
        findings.extend(_superseded(sentence, law_index))
    findings.extend(_validity(facts, sentences, limits))
    findings.extend(_effective(facts, sentences, limits))
    findings.extend(_basis(facts, law_index))
    return findings


def _basis(facts: DraftFacts, law_index: dict[str, list[LawEntry]]) -> list[Finding]:
    """The 制定依据 field: present, naming a law, regulation, rule or superior document, and
    citing no superseded edition."""
    basis = facts.legal_basis.strip()
    if not basis:
        if _BASIS_ANYWHERE.search(facts.body):
            return []
        return [Finding("missing_basis", "草案未写明制定依据(根据哪部法律、法规、规章或上级文件)")]
    stale = [
        Finding(f.rule, f"制定依据中{f.message}", basis)
        for f in _superseded(Sentence(basis, 0, len(basis)), law_index)
    ]
    if stale or _NAMED_SOURCE.search(basis):
        return stale
    return [
        Finding(
            "missing_basis",
            "制定依据未写明具体的法律、法规、规章或上级文件名称(应以书名号写明,如《中华人民共和国行政许可法》)",
            basis,
        )
    ]


def _powers(sentence: Sentence) -> list[Finding]:
    if _BASIS_IN_SENTENCE.search(sentence.text):
        return []
    found = [
        Finding(rule, message, sentence.text, sentence.start, sentence.end)
        for rule, (pattern, message) in _CREATES.items()
        if pattern.search(sentence.text)
    ]
    if not found and _SUBJECT.search(sentence.text) and _DUTY.search(sentence.text):
        found.append(
            Finding(
                "reduces_rights",
                "没有法律、法规、规章依据,不得减损公民、法人和其他组织合法权益或者增加其义务",
                sentence.text,
                sentence.start,
                sentence.end,
            )
        )
    return found


def normal_title(title: str) -> str:
    title = re.sub(r"\s+", "", title)
    return title[len(_PREFIX) :] if title.startswith(_PREFIX) else title


def _index_laws(laws: Iterable[LawEntry]) -> dict[str, list[LawEntry]]:
    index: dict[str, list[LawEntry]] = {}
    for law in laws:
        index.setdefault(normal_title(law.title), []).append(law)
    return index


def _superseded(sentence: Sentence, law_index: dict[str, list[LawEntry]]) -> list[Finding]:
    findings = []
    for match in CITATION.finditer(sentence.text):
        entries = law_index.get(normal_title(match["title"]), [])
        if not entries:
            continue
        year = int(match["year"]) if match["year"] else None
        if year is not None:
            cited = [e for e in entries if year in e.years]
        else:
            cited = [] if any(e.in_force for e in entries) else entries
        stale = next((e for e in cited if not e.in_force), None)
        if stale is None:
            continue
        when = f"自{stale.changed_on:%Y年%-m月%-d日}起" if stale.changed_on else ""
        successor = f",应改为引用《{stale.successor}》" if stale.successor else ""
        findings.append(
            Finding(
                "superseded_law",
                f"引用的{match.group().strip()}{when}已被修订或废止{successor}",
                sentence.text,
                sentence.start,
                sentence.end,
            )
        )
    return findings


def _years(raw: str) -> int | None:
    raw = raw.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    try:
        return int(cn2an.cn2an(raw.replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return None


def _validity(facts: DraftFacts, sentences: list[Sentence], limits: Limits) -> list[Finding]:
    provisional = "暂行" in facts.title or "试行" in facts.title
    limit = limits.provisional_validity_years if provisional else limits.validity_years
    kind = "暂行、试行文件" if provisional else "规范性文件"
    for sentence in sentences:
        match = _VALIDITY_YEARS.search(sentence.text)
        years = _years(match.group(1)) if match else None
        if years is None and (dated := _VALIDITY_DATE.search(sentence.text)):
            years = _span_years(facts.effective_on or facts.published_on, dated)
        if match or _VALIDITY_DATE.search(sentence.text):
            if years is not None and years > limit:
                return [
                    Finding(
                        "validity_too_long",
                        f"有效期{years}年,超过{kind}{limit}年的上限",
                        sentence.text,
                        sentence.start,
                        sentence.end,
                    )
                ]
            return []
    if facts.valid_until is None:
        return [Finding("no_validity", f"草案未规定有效期({kind}有效期一般不超过{limit}年)")]
    start = facts.effective_on or facts.published_on
    if start and _whole_years(start, facts.valid_until) > limit:
        return [
            Finding(
                "validity_too_long",
                f"登记的有效期至{facts.valid_until:%Y年%-m月%-d日},超过{kind}{limit}年的上限",
            )
        ]
    return []


def _span_years(start: dt.date | None, match: re.Match) -> int | None:
    if start is None:
        return None
    try:
        end = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return _whole_years(start, end)


def _whole_years(start: dt.date, end: dt.date) -> int:
    """Years between the dates, rounded up: 5 years and a day counts as 6."""
    years = end.year - start.year
    if (end.month, end.day) > (start.month, start.day):
        years += 1
    return years


def _effective(facts: DraftFacts, sentences: list[Sentence], limits: Limits) -> list[Finding]:
    if _URGENT_REASON.search(facts.body):
        return []
    for sentence in sentences:
        if _IMMEDIATE.search(sentence.text):
            return [
                Finding(
                    "effective_too_soon",
                    f"自公布之日起施行,未说明理由;一般应自公布之日起{limits.effective_gap_days}日后施行",
                    sentence.text,
                    sentence.start,
                    sentence.end,
                )
            ]
    if facts.published_on and facts.effective_on:
        gap = (facts.effective_on - facts.published_on).days
        if gap < limits.effective_gap_days:
            return [
                Finding(
                    "effective_too_soon",
                    f"公布后{gap}日即施行,未说明理由;一般应自公布之日起{limits.effective_gap_days}日后施行",
                )
            ]
    return []
