"""Issue 11, normative documents: what a reviewing lawyer would reject, each refused now."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from docx.shared import Pt

from fazhi.core.choices import UnitKind
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from fazhi.normdocs import services
from fazhi.normdocs.choices import FindingStatus, ReviewOpinion, Stage
from fazhi.normdocs.errors import NormdocsError
from fazhi.normdocs.forms import DecideForm
from fazhi.normdocs.models import Filing, NormativeDocument, ProcedureStep, ReviewFinding
from fazhi.normdocs.review_rules import DraftFacts, LawEntry, review
from tests.factories import UnitFactory
from tests.normdocs.conftest import CLEAN_BODY, PLANTED_BODY

VALID = dt.date(2030, 1, 1)  # a validity is registered: no "no validity" finding
LAWS = [
    LawEntry(
        "中华人民共和国行政处罚法",
        (1996, 2009, 2017),
        False,
        "中华人民共和国行政处罚法(2021年修订)",
    ),
    LawEntry("中华人民共和国行政处罚法", (2021,), True),
    LawEntry("中华人民共和国合同法", (1999,), False, "中华人民共和国民法典"),
    LawEntry("中华人民共和国行政许可法", (2003, 2019), True),
]


def _rules(
    body: str, legal_basis: str = "根据《中华人民共和国行政许可法》"
) -> list[tuple[str, str]]:
    facts = DraftFacts(title="办法", body=body, legal_basis=legal_basis, valid_until=VALID)
    return [(f.rule, f.sentence) for f in review(facts, LAWS)]


def _written():
    return (
        AuditEvent.objects.count(),
        ProcedureStep.objects.count(),
        Filing.objects.count(),
        ReviewFinding.objects.count(),
    )


# ---------------------------------------------------------------- the review assistant


def test_assistant_finds_a_licence_created_by_obtain_and_may_not_operate_without():
    body = "第二条 从事流动摊点经营的,应当向县城市管理局申请取得摊点经营许可证。未取得许可证的,不得经营。"
    assert _rules(body) == [
        ("creates_licence", "第二条 从事流动摊点经营的,应当向县城市管理局申请取得摊点经营许可证。"),
        ("creates_licence", "未取得许可证的,不得经营。"),
    ]


def test_assistant_finds_a_fine_written_without_chu():
    assert ("creates_penalty", "第三条 违反本办法的,由县城市管理局罚款二万元。") in _rules(
        "第三条 违反本办法的,由县城市管理局罚款二万元。"
    )
    assert [r for r, _ in _rules("第三条 对违规经营者给予5000元以下罚款。")] == ["creates_penalty"]


def test_assistant_finds_a_superseded_law_cited_with_its_adoption_date():
    body = "第一条 根据《中华人民共和国行政处罚法》(1996年3月17日第八届全国人民代表大会第四次会议通过),制定本办法。"
    assert [r for r, _ in _rules(body)] == ["superseded_law"]
    in_force = (
        "第一条 根据《中华人民共和国行政许可法》(2003年8月27日通过,2019年4月23日修正),制定本办法。"
    )
    assert _rules(in_force) == []


def test_assistant_checks_the_legal_basis_field():
    stale = review(
        DraftFacts(
            title="办法",
            body="第一条 正文。",
            valid_until=VALID,
            legal_basis="《中华人民共和国合同法》",
        ),
        LAWS,
    )
    assert [(f.rule, f.sentence) for f in stale] == [("superseded_law", "《中华人民共和国合同法》")]
    assert stale[0].message.startswith("制定依据中引用的《中华人民共和国合同法》")
    vague = review(
        DraftFacts(
            title="办法", body="第一条 正文。", valid_until=VALID, legal_basis="结合本县实际"
        ),
        LAWS,
    )
    assert [(f.rule, f.sentence) for f in vague] == [("missing_basis", "结合本县实际")]
    named = review(
        DraftFacts(
            title="办法",
            body="第一条 正文。",
            valid_until=VALID,
            legal_basis="晋政办发〔2021〕12号",
        ),
        LAWS,
    )
    assert named == []


# ---------------------------------------------------------------- reviewer's own findings, no default


def test_reviewer_adds_a_finding_that_blocks_a_plain_pass_and_appears_in_the_letter(
    in_review, reviewer, reporter
):
    draft, row = in_review()
    for finding in row.findings.all():
        services.review_finding_set(actor=reviewer, finding=finding, status=FindingStatus.DISMISSED)
    before = _written()
    with pytest.raises(ApplicationError) as refused:
        services.review_finding_add(actor=reporter, review_row=row, message="越权")
    with pytest.raises(ApplicationError) as not_in_text:
        services.review_finding_add(
            actor=reviewer, review_row=row, message="越权", sentence="草案里没有的话"
        )
    assert refused.value.code == "forbidden" and not_in_text.value.fields == {
        "sentence": "草案中没有这句话"
    }
    assert _written() == before
    added = services.review_finding_add(
        actor=reviewer,
        review_row=row,
        sentence="第三条 县行政审批服务管理局负责帮办代办人员的培训和考核。",
        message="考核主体应为县人力资源和社会保障局",
    )
    assert (added.status, added.by_reviewer, added.rule) == (
        FindingStatus.CONFIRMED,
        True,
        "reviewer",
    )
    assert added.start == CLEAN_BODY.index("第三条")
    with pytest.raises(ApplicationError, match="不能“审核通过”"):
        services.legality_review_decide(actor=reviewer, review_row=row, opinion=ReviewOpinion.PASS)
    services.legality_review_decide(
        actor=reviewer, review_row=row, opinion=ReviewOpinion.PASS_WITH_CHANGES
    )
    row.refresh_from_db()
    text = "\n".join(p.text for p in docx.Document(row.letter.open("rb")).paragraphs)
    assert "审核人员发现的问题" in text and "考核主体应为县人力资源和社会保障局" in text


def test_the_conclusion_has_no_default(client, in_review, reviewer):
    draft, row = in_review()
    form = DecideForm(document_version=3)
    assert '<option value="" selected>' in str(form["opinion"])
    client.force_login(reviewer)
    for finding in row.findings.all():
        services.review_finding_set(actor=reviewer, finding=finding, status=FindingStatus.DISMISSED)
    page = client.get(reverse("normdocs:review_detail", args=[row.pk])).content.decode()
    assert '<option value="" selected>请选择审核结论</option>' in page
    before = _written()
    response = client.post(
        reverse("normdocs:review_action", args=[row.pk, "decide"]),
        {
            "decide-version": NormativeDocument.objects.get(pk=draft.pk).version,
            "decide-letter_number": "天司审〔2026〕1号",
            "decide-decided_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.opinion == "" and _written() == before


# ---------------------------------------------------------------- 修改后通过 must be honoured


@pytest.fixture
def passed_with_changes(in_review, reviewer, today):
    draft, row = in_review(body=PLANTED_BODY, title="城区流动摊点管理暂行办法")
    for finding in row.findings.all():
        services.review_finding_set(actor=reviewer, finding=finding, status=FindingStatus.CONFIRMED)
    services.legality_review_decide(
        actor=reviewer,
        review_row=row,
        opinion=ReviewOpinion.PASS_WITH_CHANGES,
        decided_on=today - dt.timedelta(days=1),
    )
    return NormativeDocument.objects.get(pk=draft.pk), row


def test_unchanged_text_after_pass_with_changes_is_neither_deliberated_nor_published(
    passed_with_changes, reporter, today
):
    draft, row = passed_with_changes
    before = _written()
    with pytest.raises(ApplicationError) as refused:
        services.normdoc_deliberate(
            actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
        )
    assert refused.value.code == NormdocsError.FINDINGS_UNRESOLVED
    assert "还有8处确认的问题未解决" in refused.value.message
    with pytest.raises(ApplicationError):
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number="天市监发〔2026〕9号",
            published_on=today,
            effective_on=today + dt.timedelta(days=30),
            valid_until=None,
        )
    draft.refresh_from_db()
    assert (draft.stage, draft.doc_number, draft.deliberated_on) == (
        Stage.COLLECTIVE_DELIBERATION,
        None,
        None,
    )
    assert _written() == before


def test_each_finding_is_resolved_by_a_text_change_or_an_accepted_reason(
    passed_with_changes, reporter, reviewer, today
):
    draft, row = passed_with_changes
    fine = row.findings.get(rule="creates_penalty")
    # The drafter revises every article except the fine, which it defends with a reason.
    body = (
        "第一条 为了规范城区流动摊点经营秩序,根据《中华人民共和国行政许可法》,制定本办法。\n"
        + fine.sentence
        + "\n第七条 本办法自公布之日起30日后施行,有效期2年。"
    )
    services.normdoc_update_draft(
        actor=reporter,
        document=draft,
        version=draft.version,
        title=draft.title,
        body=body,
        legal_basis="",
    )
    draft.refresh_from_db()
    state = services.resolutions(draft, list(row.findings.all()))
    assert state[fine.pk] == "" and sum(v == "changed" for v in state.values()) == 7
    with pytest.raises(ApplicationError, match="还有1处确认的问题未解决"):
        services.normdoc_deliberate(
            actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
        )
    services.review_finding_explain(
        actor=reporter,
        finding=fine,
        explanation="《山西省城市市容和环境卫生管理条例》已设定此项罚款",
    )
    with pytest.raises(ApplicationError, match="还有1处确认的问题未解决"):
        services.normdoc_deliberate(
            actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
        )
    with pytest.raises(ApplicationError):
        services.review_finding_accept(actor=reporter, finding=fine)  # not the drafter's call
    services.review_finding_accept(actor=reviewer, finding=fine)
    services.normdoc_deliberate(
        actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
    )
    draft.refresh_from_db()
    services.normdoc_publish(
        actor=reporter,
        document=draft,
        doc_number="天市监发〔2026〕9号",
        published_on=today,
        effective_on=today + dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=700),
    )
    draft.refresh_from_db()
    assert draft.stage == Stage.PUBLISHED
    assert AuditEvent.objects.filter(action="normdocs.finding_accept").count() == 1


def test_text_cannot_change_after_deliberation(published, reporter):
    document = published()
    with pytest.raises(ApplicationError, match="集体审议前的文本可以修改"):
        services.normdoc_update_draft(
            actor=reporter,
            document=document,
            version=document.version,
            title="x",
            body="y",
            legal_basis="",
        )


# ---------------------------------------------------------------- the opinion letter


def test_opinion_letter_is_a4_sanhao_fangsong_with_a_doc_number(in_review, reviewer):
    draft, row = in_review()
    for finding in row.findings.all():
        services.review_finding_set(actor=reviewer, finding=finding, status=FindingStatus.DISMISSED)
    services.legality_review_decide(actor=reviewer, review_row=row, opinion=ReviewOpinion.PASS)
    row.refresh_from_db()
    assert row.letter_number == f"天司审〔{row.decided_on.year}〕1号"
    letter = docx.Document(io.BytesIO(row.letter.read()))
    section = letter.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(v.mm) for v in sizes] == [210, 297, 37, 35, 28, 26]  # A4, GB/T 9704 margins
    paragraphs = [p for p in letter.paragraphs if p.text]
    assert [p.text for p in paragraphs[:2]] == ["合法性审核意见书", row.letter_number]
    body = [p for p in paragraphs if p.text.startswith("你单位于")][0]
    run = body.runs[0]
    assert run.font.size == Pt(16)
    assert (
        run._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "仿宋_GB2312"
    )
    assert paragraphs[0].runs[0].font.size == Pt(22)
    assert services.letter_number_suggestion(reviewer.unit, row.decided_on.year) == (
        f"天司审〔{row.decided_on.year}〕2号"
    )


def test_a_letter_number_is_not_used_twice(in_review, reviewer):
    numbers = []
    for title in ("甲办法", "乙办法"):
        draft, row = in_review(title=title)
        for finding in row.findings.all():
            services.review_finding_set(
                actor=reviewer, finding=finding, status=FindingStatus.DISMISSED
            )
        if numbers:
            before = _written()
            with pytest.raises(ApplicationError) as refused:
                services.legality_review_decide(
                    actor=reviewer,
                    review_row=row,
                    opinion=ReviewOpinion.PASS,
                    letter_number=numbers[0],
                )
            assert refused.value.fields == {"letter_number": "重复"} and _written() == before
        services.legality_review_decide(actor=reviewer, review_row=row, opinion=ReviewOpinion.PASS)
        row.refresh_from_db()
        numbers.append(row.letter_number)
    assert len(set(numbers)) == 2


# ---------------------------------------------------------------- filing


def test_filing_body_defaults_by_issuer(published, reporter, client, drafting_unit):
    government = UnitFactory(
        name="天镇县人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=drafting_unit.region
    )
    office = UnitFactory(
        name="天镇县人民政府办公室", kind=UnitKind.GOVERNMENT_OFFICE, region=drafting_unit.region
    )
    assert services.filing_body(drafting_unit) == "天镇县人民政府"
    assert services.filing_body(government) == "天镇县人民代表大会常务委员会"
    assert services.filing_body(office) == "天镇县人民代表大会常务委员会"
    document = published()
    client.force_login(reporter)
    page = client.get(reverse("normdocs:document_detail", args=[document.pk])).content.decode()
    assert 'name="file-filed_with" value="天镇县人民政府"' in page
    filing = services.normdoc_file(
        actor=reporter, document=document, filed_on=document.published_on
    )
    assert filing.filed_with == "天镇县人民政府"


def test_a_future_filing_date_is_refused(published, reporter, today):
    document = published()
    before = _written()
    with pytest.raises(ApplicationError) as refused:
        services.normdoc_file(
            actor=reporter,
            document=document,
            filed_on=today + dt.timedelta(days=1),
            filed_with="天镇县人民政府",
        )
    assert refused.value.code == "implausible_date"
    assert "报备日期不能晚于今天" in refused.value.fields["filed_on"][0]
    document.refresh_from_db()
    assert document.stage == Stage.PUBLISHED and _written() == before
