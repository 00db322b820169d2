import datetime as dt

import pytest

from fazhi.core import periods
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.models import AuditEvent, StatutoryPeriod
from fazhi.normdocs import services
from fazhi.normdocs.choices import (
    FilingResult,
    FindingStatus,
    LinkKind,
    ReviewOpinion,
    Stage,
    Status,
)
from fazhi.normdocs.models import (
    DocumentSearchEntry,
    Filing,
    LegalityReview,
    NormativeDocument,
    ProcedureStep,
    ReviewFinding,
)
from tests.normdocs.conftest import PLANTED_BODY


def _counts():
    return (
        AuditEvent.objects.count(),
        ProcedureStep.objects.count(),
        LegalityReview.objects.count(),
        Filing.objects.count(),
        DocumentSearchEntry.objects.count(),
    )


def test_whole_procedure_from_draft_to_filing_review_is_audited(
    published, reviewer, reporter, today
):
    document = published()
    assert document.stage == Stage.PUBLISHED
    assert document.registration_number == f"140222-{today.year}-0001"
    assert (
        document.doc_number == "天市监发〔2026〕7号"
        and document.doc_year == 2026
        and document.doc_serial == 7
    )
    filing = services.normdoc_file(
        actor=reporter, document=document, filed_on=today, filed_with="天镇县人民代表大会常务委员会"
    )
    assert filing.on_time
    services.filing_review_decide(
        actor=reviewer, document=document, result=FilingResult.CONFORM, reviewed_on=today
    )
    document.refresh_from_db()
    assert document.stage == Stage.FILING_REVIEWED
    actions = list(
        AuditEvent.objects.filter(
            object_id=str(document.pk), object_type="normdocs.normativedocument"
        ).values_list("action", flat=True)
    )
    assert actions == [
        "normdocs.document_create",
        "normdocs.document_open_comment",
        "normdocs.document_submit_for_review",
        "normdocs.legality_review_decide",
        "normdocs.document_deliberate",
        "normdocs.document_publish",
        "normdocs.document_file",
        "normdocs.filing_review",
    ]
    assert [s.stage for s in document.steps.all()] == [
        Stage.DRAFTING,
        Stage.PUBLIC_COMMENT,
        Stage.LEGALITY_REVIEW,
        Stage.LEGALITY_REVIEW,
        Stage.DELIBERATED,
        Stage.PUBLISHED,
        Stage.FILED,
        Stage.FILING_REVIEWED,
    ]


def test_skipping_the_legality_review_is_refused_and_nothing_is_written(
    make_draft, reporter, today
):
    draft = make_draft()
    services.normdoc_open_comment(
        actor=reporter, document=draft, started_on=today - dt.timedelta(days=40)
    )
    draft.refresh_from_db()
    before, version = _counts(), draft.version
    with pytest.raises(ApplicationError, match="未经合法性审核通过,不得提交集体审议"):
        services.normdoc_deliberate(
            actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
        )
    with pytest.raises(ApplicationError, match="须经合法性审核并集体审议后才能签发公布"):
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number="天市监发〔2026〕1号",
            published_on=today,
            effective_on=today,
            valid_until=None,
        )
    draft.refresh_from_db()
    assert _counts() == before
    assert (draft.stage, draft.version, draft.doc_number, draft.deliberated_on) == (
        Stage.PUBLIC_COMMENT,
        version,
        None,
        None,
    )


def test_comment_period_must_run_its_minimum_before_review(make_draft, reporter, today):
    draft = make_draft()
    services.normdoc_open_comment(
        actor=reporter, document=draft, started_on=today - dt.timedelta(days=5)
    )
    draft.refresh_from_db()
    assert draft.comment_ends_on >= today - dt.timedelta(days=5) + dt.timedelta(days=30)
    before = _counts()
    with pytest.raises(ApplicationError, match="期满前不能送合法性审核"):
        services.normdoc_submit_for_review(actor=reporter, document=draft, submitted_on=today)
    assert _counts() == before


def test_comment_period_is_configurable(make_draft, reporter, today):
    StatutoryPeriod.objects.filter(key="normdocs.comment_days").update(value=7)
    periods.invalidate()
    draft = make_draft()
    services.normdoc_open_comment(actor=reporter, document=draft, started_on=dt.date(2026, 3, 2))
    draft.refresh_from_db()
    assert draft.comment_ends_on == dt.date(2026, 3, 9)


def test_review_deadline_counts_working_days(in_review, holidays):
    draft, review = in_review()
    from fazhi.core.holidays import deadline

    assert review.due_on == deadline(review.submitted_on, 15, working=True).date
    assert draft.__class__.objects.get(pk=draft.pk).due_on == review.due_on


def test_review_assistant_findings_are_stored_and_must_be_handled(in_review, reviewer, today):
    draft, review = in_review(body=PLANTED_BODY, title="城区流动摊点管理暂行办法")
    assert review.findings.count() == 8
    with pytest.raises(ApplicationError, match="还有8处审核发现未确认或排除"):
        services.legality_review_decide(
            actor=reviewer, review_row=review, opinion=ReviewOpinion.PASS_WITH_CHANGES
        )
    findings = list(review.findings.all())
    for f in findings[:-1]:
        services.review_finding_set(
            actor=reviewer, finding=f, status=FindingStatus.CONFIRMED, note="须删除"
        )
    services.review_finding_set(
        actor=reviewer, finding=findings[-1], status=FindingStatus.DISMISSED
    )
    with pytest.raises(ApplicationError, match="不能“审核通过”"):
        services.legality_review_decide(
            actor=reviewer, review_row=review, opinion=ReviewOpinion.PASS
        )
    services.legality_review_decide(
        actor=reviewer,
        review_row=review,
        opinion=ReviewOpinion.FAIL,
        opinion_text="请删除设定许可、处罚的条款后重新送审",
    )
    review.refresh_from_db()
    draft.refresh_from_db()
    assert draft.stage == Stage.DRAFTING and review.reviewer == reviewer
    import docx

    letter = docx.Document(review.letter.open("rb"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert (
        "合法性审核意见书" in text
        and "须经县城市管理局批准" in text
        and "不予通过" in text
        and "天镇县司法局" in text
    )


def test_only_reviewers_review(in_review, reporter):
    _, review = in_review()
    with pytest.raises(PermissionDenied):
        services.legality_review_decide(
            actor=reporter, review_row=review, opinion=ReviewOpinion.PASS
        )


def test_reporter_drafts_for_own_unit_only(other_reporter, drafting_unit, make_draft):
    with pytest.raises(PermissionDenied):
        services.normdoc_create(
            actor=other_reporter,
            title="x",
            issuer=drafting_unit,
            drafting_unit=drafting_unit,
            body="x",
        )
    draft = make_draft()
    with pytest.raises(PermissionDenied):
        services.normdoc_open_comment(
            actor=other_reporter, document=draft, started_on=dt.date(2026, 1, 1)
        )


def test_duplicate_doc_number_and_bad_dates_are_refused(
    published, in_review, reviewer, reporter, today
):
    published(doc_number="天市监发[2026]7号")
    draft, review = in_review(title="第二个办法")
    services.legality_review_decide(actor=reviewer, review_row=review, opinion=ReviewOpinion.PASS)
    draft.refresh_from_db()
    services.normdoc_deliberate(
        actor=reporter, document=draft, meeting="局务会议", deliberated_on=today
    )
    draft.refresh_from_db()
    before = _counts()
    with pytest.raises(ApplicationError, match="文号 天市监发〔2026〕7号 已被其他文件使用"):
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number="天市监发（2026）7号",
            published_on=today,
            effective_on=today + dt.timedelta(days=30),
            valid_until=None,
        )
    with pytest.raises(ApplicationError, match="施行日期不能早于公布日期"):
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number="天市监发〔2026〕8号",
            published_on=today,
            effective_on=today - dt.timedelta(days=1),
            valid_until=None,
        )
    with pytest.raises(ApplicationError, match="不是有效的文号"):
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number="第8号",
            published_on=today,
            effective_on=today,
            valid_until=None,
        )
    assert _counts() == before
    assert NormativeDocument.objects.get(pk=draft.pk).doc_number is None


def test_stale_version_is_a_conflict(make_draft, reporter):
    draft = make_draft()
    services.normdoc_update_draft(
        actor=reporter,
        document=draft,
        version=draft.version,
        title="新标题",
        body="正文",
        legal_basis="",
    )
    with pytest.raises(Conflict):
        services.normdoc_update_draft(
            actor=reporter,
            document=draft,
            version=draft.version,
            title="旧页面",
            body="正文",
            legal_basis="",
        )
    assert NormativeDocument.objects.get(pk=draft.pk).title == "新标题"


def test_late_filing_and_revocation(published, reporter, reviewer, today):
    document = published(published_on=today - dt.timedelta(days=60))
    filing = services.normdoc_file(
        actor=reporter, document=document, filed_on=today, filed_with="县人大常委会"
    )
    assert not filing.on_time
    with pytest.raises(ApplicationError, match="须写明理由"):
        services.filing_review_decide(actor=reviewer, document=document, result=FilingResult.REVOKE)
    services.filing_review_decide(
        actor=reviewer,
        document=document,
        result=FilingResult.REVOKE,
        note="设定了行政许可",
        reviewed_on=today,
    )
    document = NormativeDocument.objects.with_status(today).get(pk=document.pk)
    assert (document.stage, document.status, document.repealed_on) == (
        Stage.REVOKED,
        Status.REPEALED,
        today,
    )


def test_correction_after_filing_review(published, reporter, reviewer, today):
    document = published()
    services.normdoc_file(
        actor=reporter, document=document, filed_on=today, filed_with="县人大常委会"
    )
    services.filing_review_decide(
        actor=reviewer, document=document, result=FilingResult.CORRECT, note="第三条须删除"
    )
    services.normdoc_correct(
        actor=reporter, document=document, corrected_on=today, note="已印发修改决定"
    )
    document.refresh_from_db()
    assert document.stage == Stage.FILING_REVIEWED and document.filing.corrected_on == today


def test_status_is_derived_from_dates_and_links(register, supervisor):
    today = dt.date(2026, 6, 1)
    old, expiring, expired, pending, newer = register(
        {
            "title": "旧办法",
            "doc_number": "天政办发〔2020〕1号",
            "published_on": dt.date(2020, 1, 1),
            "valid_until": dt.date(2030, 1, 1),
        },
        {
            "title": "快到期",
            "doc_number": "天政办发〔2021〕1号",
            "published_on": dt.date(2021, 1, 1),
            "valid_until": dt.date(2026, 10, 1),
        },
        {
            "title": "已到期",
            "doc_number": "天政办发〔2019〕1号",
            "published_on": dt.date(2019, 1, 1),
            "valid_until": dt.date(2024, 1, 1),
        },
        {
            "title": "未施行",
            "doc_number": "天政办发〔2026〕9号",
            "published_on": dt.date(2026, 5, 20),
            "effective_on": dt.date(2026, 6, 20),
        },
        {
            "title": "修改旧办法",
            "doc_number": "天政办发〔2025〕2号",
            "published_on": dt.date(2025, 1, 1),
        },
    )
    services.normdoc_link(actor=supervisor, source=newer, target=old, kind=LinkKind.AMENDS)
    status = dict(NormativeDocument.objects.with_status(today).values_list("title", "status"))
    assert status == {
        "旧办法": Status.AMENDED,
        "快到期": Status.EXPIRING,
        "已到期": Status.EXPIRED,
        "未施行": Status.PENDING,
        "修改旧办法": Status.IN_FORCE,
    }
    services.normdoc_link(actor=supervisor, source=newer, target=old, kind=LinkKind.REPEALS)
    assert NormativeDocument.objects.with_status(today).get(pk=old.pk).status == Status.REPEALED


def test_import_skips_duplicates_and_reports_them(register, reviewer, drafting_unit):
    from fazhi.normdocs.importing import RegistryRow

    register({"title": "甲", "doc_number": "天政办发〔2024〕1号"})
    rows = [
        RegistryRow(
            source="r1",
            title="甲again",
            doc_number="天政办发[2024]1号",
            published_on=dt.date(2024, 1, 1),
        ),
        RegistryRow(
            source="r2",
            title="乙",
            doc_number="天政办发〔2024〕2号",
            published_on=dt.date(2024, 1, 1),
            effective_on=dt.date(2023, 12, 1),
        ),
        RegistryRow(
            source="r3",
            title="丙",
            doc_number="天政办发〔2024〕3号",
            published_on=dt.date(2024, 1, 1),
        ),
        RegistryRow(
            source="r4",
            title="丙重复",
            doc_number="天政办发〔2024〕3号",
            published_on=dt.date(2024, 1, 1),
        ),
    ]
    report = services.normdoc_import(actor=reviewer, rows=rows, default_issuer=drafting_unit)
    assert report.created == ["天政办发〔2024〕3号"]
    assert dict(report.failed) == {
        "r1": "文号 天政办发〔2024〕1号 已登记",
        "r2": "施行日期早于公布日期",
        "r4": "文号 天政办发〔2024〕3号 已登记",
    }
    assert NormativeDocument.objects.count() == 2
    assert set(NormativeDocument.objects.values_list("registration_number", flat=True)) == {
        "140222-2024-0001",
        "140222-2024-0002",
    }


def test_import_needs_registry_permission(reporter):
    with pytest.raises(PermissionDenied):
        services.normdoc_import(actor=reporter, rows=[])


def test_cleanup_round_repeals_on_publication(register, supervisor, reporter):
    keep, drop = register(
        {"title": "留", "doc_number": "天政办发〔2022〕1号"},
        {"title": "废", "doc_number": "天政办发〔2022〕2号"},
    )
    cleanup_round = services.cleanup_round_create(
        actor=supervisor, title="2026年清理", started_on=dt.date(2026, 9, 1)
    )
    with pytest.raises(ApplicationError, match="没有任何清理结论"):
        services.cleanup_round_publish(actor=supervisor, cleanup_round=cleanup_round)
    with pytest.raises(ApplicationError, match="须写明理由"):
        services.cleanup_decide(
            actor=supervisor, cleanup_round=cleanup_round, document=drop, decision="repeal"
        )
    with pytest.raises(PermissionDenied):
        services.cleanup_decide(
            actor=reporter, cleanup_round=cleanup_round, document=drop, decision="keep"
        )
    services.cleanup_decide(
        actor=supervisor, cleanup_round=cleanup_round, document=keep, decision="keep"
    )
    services.cleanup_decide(
        actor=supervisor,
        cleanup_round=cleanup_round,
        document=drop,
        decision="repeal",
        reason="与上位法抵触",
    )
    services.cleanup_round_publish(
        actor=supervisor, cleanup_round=cleanup_round, published_on=dt.date(2026, 10, 30)
    )
    drop.refresh_from_db()
    keep.refresh_from_db()
    assert drop.repealed_on == dt.date(2026, 10, 30) and keep.repealed_on is None
    with pytest.raises(ApplicationError, match="已公布"):
        services.cleanup_decide(
            actor=supervisor,
            cleanup_round=cleanup_round,
            document=keep,
            decision="amend",
            reason="x",
        )


def test_finding_cannot_change_after_opinion(in_review, reviewer):
    _, review = in_review()
    services.legality_review_decide(actor=reviewer, review_row=review, opinion=ReviewOpinion.PASS)
    finding = ReviewFinding.objects.create(review=review, rule="creates_fee", message="m")
    with pytest.raises(ApplicationError, match="审核意见已出具"):
        services.review_finding_set(actor=reviewer, finding=finding, status=FindingStatus.CONFIRMED)


def test_registration_serial_passes_four_digits(register, reviewer):
    (first,) = register({"title": "甲", "doc_number": "天政办发〔2024〕1号"})
    NormativeDocument.objects.filter(pk=first.pk).update(registration_number="140222-2024-9999")
    (second,) = register({"title": "乙", "doc_number": "天政办发〔2024〕2号"})
    (third,) = register({"title": "丙", "doc_number": "天政办发〔2024〕3号"})
    assert (second.registration_number, third.registration_number) == (
        "140222-2024-10000",
        "140222-2024-10001",
    )


def test_each_region_numbers_its_own_registrations(published, today):
    from fazhi.normdocs.services.common import next_registration_number

    document = published()
    region = document.issuer.region_id
    assert document.registration_number == f"{region}-{today.year}-0001"
    assert next_registration_number(today.year, region) == f"{region}-{today.year}-0002"
    # another county of the same installation starts its own sequence
    assert next_registration_number(today.year, "140221") == f"140221-{today.year}-0001"
