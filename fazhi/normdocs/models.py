"""Normative documents (行政规范性文件): registry, drafting procedure, review, filing, cleanup."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core.fields import person, status_field
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet, region_q

from .choices import (
    CleanupDecisionKind,
    CleanupRoundStatus,
    FilingResult,
    FindingStatus,
    LawStatus,
    LinkKind,
    ReviewOpinion,
    Stage,
    Status,
)

PUBLISHED_STAGES = (
    Stage.PUBLISHED,
    Stage.REGISTERED,
    Stage.FILED,
    Stage.FILING_REVIEWED,
    Stage.CORRECTION_REQUIRED,
    Stage.REVOKED,
)


class NormativeDocumentQuerySet(ScopedQuerySet):
    def published(self) -> NormativeDocumentQuerySet:
        return self.filter(stage__in=PUBLISHED_STAGES, published_on__isnull=False)

    def with_status(self, today: dt.date, expiring_months: int = 6) -> NormativeDocumentQuerySet:
        """Annotate `status` from dates and events; the one place that derives legal force
        (`status_on` is the same rules on loaded columns, tested against this annotation)."""
        soon = _add_months(today, expiring_months)
        return self.annotate(
            status=Case(
                When(
                    ~Q(stage__in=PUBLISHED_STAGES) | Q(published_on__isnull=True),
                    then=Value(Status.DRAFT),
                ),
                When(
                    Q(repealed_on__isnull=False, repealed_on__lte=today),
                    then=Value(Status.REPEALED),
                ),
                When(
                    Q(valid_until__isnull=False, valid_until__lt=today), then=Value(Status.EXPIRED)
                ),
                When(
                    Q(effective_on__isnull=False, effective_on__gt=today),
                    then=Value(Status.PENDING),
                ),
                When(
                    Q(amended_on__isnull=False, amended_on__lte=today), then=Value(Status.AMENDED)
                ),
                When(
                    Q(valid_until__isnull=False, valid_until__lte=soon), then=Value(Status.EXPIRING)
                ),
                default=Value(Status.IN_FORCE),
                output_field=models.CharField(),
            )
        )


# The columns `status_on` reads.
STATUS_FIELDS = (
    "stage",
    "published_on",
    "repealed_on",
    "valid_until",
    "effective_on",
    "amended_on",
)


def status_on(document, today: dt.date, expiring_months: int = 6) -> str:
    """`with_status`'s status of a loaded document (its STATUS_FIELDS), in Python: a page that
    loads a few rows by id is spared compiling the annotation (a few ms per search page)."""
    if document.stage not in PUBLISHED_STAGES or document.published_on is None:
        return Status.DRAFT.value
    if document.repealed_on is not None and document.repealed_on <= today:
        return Status.REPEALED.value
    if document.valid_until is not None and document.valid_until < today:
        return Status.EXPIRED.value
    if document.effective_on is not None and document.effective_on > today:
        return Status.PENDING.value
    if document.amended_on is not None and document.amended_on <= today:
        return Status.AMENDED.value
    if document.valid_until is not None and document.valid_until <= _add_months(
        today, expiring_months
    ):
        return Status.EXPIRING.value
    return Status.IN_FORCE.value


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def seen_through_document(path: str = "") -> Scope:
    """Who sees a document (or a row of it, through `path`): the staff of its issuer and of its
    drafting unit; supervisors see their region's."""
    prefix = f"{path}__" if path else ""
    return Scope(
        unit=(f"{prefix}issuer", f"{prefix}drafting_unit"), sees_all="normdocs.view_all_normdocs"
    )


class NormativeDocument(TimeStampedModel):
    """An administrative normative document (行政规范性文件), from first draft to repeal."""

    title = models.CharField(_("标题"), max_length=200)
    issuer = models.ForeignKey(
        OrgUnit,
        verbose_name=_("制定机关"),
        on_delete=models.PROTECT,
        related_name="normative_documents",
    )
    drafting_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("起草单位"),
        on_delete=models.PROTECT,
        related_name="drafted_normative_documents",
    )
    doc_number = models.CharField(_("文号"), max_length=64, null=True, blank=True, unique=True)
    doc_issuer_code = models.CharField(_("发文机关代字"), max_length=32, blank=True)
    doc_year = models.PositiveSmallIntegerField(_("文号年份"), null=True, blank=True)
    doc_serial = models.PositiveIntegerField(_("文号序号"), null=True, blank=True)
    registration_number = models.CharField(
        _("统一登记号"), max_length=32, null=True, blank=True, unique=True
    )
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    legal_basis = models.TextField(_("制定依据"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    original_file = models.FileField(_("原件"), upload_to="normdocs/%Y/", blank=True)
    stage = models.CharField(
        _("办理环节"), max_length=32, choices=Stage.choices, default=Stage.DRAFTING
    )
    comment_started_on = models.DateField(_("征求意见开始日期"), null=True, blank=True)
    comment_ends_on = models.DateField(_("征求意见截止日期"), null=True, blank=True)
    deliberated_on = models.DateField(_("集体审议日期"), null=True, blank=True)
    deliberation_meeting = models.CharField(_("审议会议"), max_length=128, blank=True)
    due_on = models.DateField(_("当前环节法定期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限暂定"), default=False)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    amended_on = models.DateField(_("修改日期"), null=True, blank=True)
    created_by = person(_("创建人"), null=True, on_delete=models.SET_NULL)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = NormativeDocumentQuerySet.as_manager()
    # The issuer's and the drafting unit's users see the document; supervisors, leaders and
    # the justice bureau's reviewers see their region's.
    scope = seen_through_document()

    class Meta:
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["stage", "due_on"]),
            models.Index(fields=["issuer", "doc_year"]),
            # (date, id): the public search walks it in the order of its pages.
            models.Index(fields=["published_on", "id"]),
            # normdocs.search: a search hit's date without reading the row.
            models.Index(fields=["id", "published_on"], name="normdocs_doc_id_published"),
            models.Index(fields=["valid_until"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(effective_on__gte=F("published_on")),
                name="normdoc_effective_not_before_published",
                violation_error_message=_("施行日期不能早于公布日期"),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(valid_until__gt=F("effective_on")),
                name="normdoc_valid_until_after_effective",
                violation_error_message=_("有效期截止日期应晚于施行日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}({self.doc_number})" if self.doc_number else self.title

    @property
    def is_published(self) -> bool:
        return self.stage in PUBLISHED_STAGES and self.published_on is not None


def of_document(
    related_name: str, *, one_to_one: bool = False, verbose_name=None, **kwargs
) -> models.Field:
    """The document a row belongs to, deleted with it (named 文件 unless `verbose_name` says)."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    if verbose_name is None:
        verbose_name = pgettext_lazy("normative document", "文件")
    return field(
        NormativeDocument,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
        **kwargs,
    )


class DocumentSearchEntry(models.Model):
    """Segmented words of one published document; the FTS5 table or tsvector column reads these."""

    document = of_document("search_entry", one_to_one=True, primary_key=True)
    title_tokens = models.TextField(_("标题分词"))
    body_tokens = models.TextField(_("正文分词"))

    class Meta:
        verbose_name = _("全文检索索引")
        verbose_name_plural = _("全文检索索引")
        ordering = ["document_id"]

    def __str__(self) -> str:
        return f"索引 {self.document_id}"


class DocumentLink(models.Model):
    """A later document amends, repeals or implements an earlier one."""

    source = of_document("links_out", verbose_name=_("后文件"))
    target = of_document("links_in", verbose_name=_("被关联文件"))
    kind = models.CharField(_("关系"), max_length=16, choices=LinkKind.choices)

    class Meta:
        verbose_name = _("文件关系")
        verbose_name_plural = _("文件关系")
        ordering = ["source_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="normdoc_link_unique"
            ),
            models.CheckConstraint(condition=~Q(source=F("target")), name="normdoc_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.get_kind_display()} {self.target_id}"


class ProcedureStep(models.Model):
    """One completed step of the drafting procedure, as it is shown on the document's page."""

    document = of_document("steps")
    stage = models.CharField(_("环节"), max_length=32, choices=Stage.choices)
    happened_on = models.DateField(_("日期"))
    actor = person(_("办理人"), null=True, blank=False, on_delete=models.SET_NULL)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["document_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.happened_on}"


class LegalityReview(TimeStampedModel):
    """The justice bureau's legality review (合法性审核) of one submission of a draft."""

    document = of_document("reviews")
    submitted_on = models.DateField(_("送审日期"))
    due_on = models.DateField(_("审核期限"))
    due_provisional = models.BooleanField(_("期限暂定"), default=False)
    reviewer = person(_("审核人"), null=True, on_delete=models.SET_NULL)
    opinion = models.CharField(
        _("审核意见"), max_length=24, choices=ReviewOpinion.choices, blank=True
    )
    opinion_text = models.TextField(_("意见说明"), blank=True)
    decided_on = models.DateField(_("出具日期"), null=True, blank=True)
    letter = models.FileField(_("合法性审核意见书"), upload_to="normdocs/letters/%Y/", blank=True)
    letter_number = models.CharField(
        _("意见书文号"), max_length=64, null=True, blank=True, unique=True
    )

    objects = ScopedQuerySet.as_manager()
    scope = seen_through_document("document")

    class Meta:
        verbose_name = _("合法性审核")
        verbose_name_plural = _("合法性审核")
        ordering = ["document_id", "-submitted_on", "-id"]
        indexes = [models.Index(fields=["decided_on", "due_on"])]

    def __str__(self) -> str:
        return f"合法性审核 {self.document_id} {self.submitted_on}"


class ReviewFinding(models.Model):
    """One problem the review assistant found in a sentence; the reviewer confirms or dismisses it."""

    review = models.ForeignKey(
        LegalityReview, verbose_name=_("审核"), on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(_("规则"), max_length=32)
    message = models.TextField(_("问题"))
    sentence = models.TextField(_("原文语句"), blank=True)
    start = models.PositiveIntegerField(_("起始位置"), null=True, blank=True)
    end = models.PositiveIntegerField(_("结束位置"), null=True, blank=True)
    status = models.CharField(
        _("确认状态"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    note = models.CharField(_("审核人说明"), max_length=255, blank=True)
    by_reviewer = models.BooleanField(_("审核人员提出"), default=False)
    explanation = models.TextField(_("起草单位说明"), blank=True)
    explanation_accepted_on = models.DateField(_("说明认可日期"), null=True, blank=True)
    explanation_accepted_by = person(_("认可人"), null=True, on_delete=models.SET_NULL)

    objects = ScopedQuerySet.as_manager()
    scope = seen_through_document("review__document")

    class Meta:
        verbose_name = _("审核发现")
        verbose_name_plural = _("审核发现")
        ordering = ["review_id", "start", "id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.sentence[:30]}"


class Filing(TimeStampedModel):
    """Filing of a published document with the supervising body, and its review (备案审查)."""

    document = of_document("filing", one_to_one=True)
    filed_on = models.DateField(_("报备日期"))
    filed_with = models.CharField(_("备案机关"), max_length=128)
    on_time = models.BooleanField(_("按期报备"))
    result = models.CharField(
        _("审查结果"), max_length=16, choices=FilingResult.choices, default=FilingResult.PENDING
    )
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    reviewer = person(_("审查人"), null=True, on_delete=models.SET_NULL)
    note = models.TextField(_("审查意见"), blank=True)
    corrected_on = models.DateField(_("纠正完成日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = seen_through_document("document")

    class Meta:
        verbose_name = _("备案审查")
        verbose_name_plural = _("备案审查")
        ordering = ["-filed_on", "id"]
        indexes = [models.Index(fields=["result"])]

    def __str__(self) -> str:
        return f"备案 {self.document_id} {self.filed_on}"


def _round_region(user) -> Q:
    """Every user of a county sees its cleanup rounds (they cover the whole registry)."""
    if user.unit_id is None:
        return Q(pk__in=[])
    return region_q("created_by__unit__region_id", user.unit.region_id)


class CleanupRound(TimeStampedModel):
    """A cleanup exercise (清理): every document gets a decision, the result list is published."""

    title = models.CharField(_("名称"), max_length=128, unique=True)
    started_on = models.DateField(_("开始日期"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=CleanupRoundStatus.choices,
        default=CleanupRoundStatus.OPEN,
    )
    published_on = models.DateField(_("结果公布日期"), null=True, blank=True)
    created_by = person(_("创建人"), null=True, blank=False, on_delete=models.SET_NULL)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit="created_by__unit", sees_all="normdocs.view_all_normdocs", also=_round_region
    )

    class Meta:
        verbose_name = _("清理")
        verbose_name_plural = _("清理")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupDecision(models.Model):
    """Keep, amend or repeal one document in a cleanup round."""

    round = models.ForeignKey(
        CleanupRound, verbose_name=_("清理批次"), on_delete=models.CASCADE, related_name="decisions"
    )
    document = of_document("cleanup_decisions")
    decision = models.CharField(_("清理结论"), max_length=16, choices=CleanupDecisionKind.choices)
    reason = models.CharField(_("理由"), max_length=255, blank=True)
    decided_by = person(_("决定人"), null=True, blank=False, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(_("决定时间"), auto_now=True)

    class Meta:
        verbose_name = _("清理结论")
        verbose_name_plural = _("清理结论")
        ordering = ["round_id", "document_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "document"], name="normdoc_cleanup_one_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.document_id} {self.get_decision_display()}"


class Law(models.Model):
    """One version of a law the assistant recognises in citations, with its status and successor."""

    title = models.CharField(_("名称"), max_length=128)
    version = models.CharField(_("版本"), max_length=64, help_text=_("如“1999年公布、2017年修正”"))
    years = models.JSONField(_("公布及修改年份"), default=list)
    status = status_field(LawStatus.IN_FORCE)
    changed_on = models.DateField(_("失效日期"), null=True, blank=True)
    successor = models.CharField(_("现行版本"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("法律法规状态")
        verbose_name_plural = _("法律法规状态")
        ordering = ["title", "version"]
        constraints = [
            models.UniqueConstraint(fields=["title", "version"], name="normdoc_law_version_unique")
        ]

    def __str__(self) -> str:
        return f"《{self.title}》({self.version})"
