"""Major administrative decisions (重大行政决策程序暂行条例, State Council Order 713).

A body's annual catalogue (决策事项目录, Art. 3) is a versioned document: a published revision
is never edited; an adjustment is a new revision with its reason. A decision's dossier carries
the five procedures in statutory order; each step's facts are fields of the dossier or its
child rows, and every change is an audit event, so the process can be traced back (Art. 33).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person, status_field
from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from .choices import (
    AdviserKind,
    CatalogStatus,
    ChangeKind,
    CommentStatus,
    ConsultationStatus,
    DocumentKind,
    EvaluationTrigger,
    HeadDecision,
    MeetingKind,
    Procedure,
    ReviewConclusion,
    RiskLevel,
    Stage,
)

VIEW_ALL = "decisions.view_all"


def dossier_scope(*units: str) -> Scope:
    """A row of one decision's dossier: seen by the users of those of the decision's units."""
    return Scope(
        unit=tuple(f"decision__{u}" for u in units),
        region="decision__body__region__code",
        sees_all=VIEW_ALL,
    )


class Catalog(TimeStampedModel):
    """One revision of a body's catalogue for one year."""

    body = models.ForeignKey(
        OrgUnit, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    revision = models.PositiveSmallIntegerField(_("版次"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("调整前版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_revision",
    )
    adjustment_reason = models.TextField(_("调整理由"), blank=True)
    status = status_field(CatalogStatus.DRAFT)
    party_approved_on = models.DateField(_("党委同意日期"), null=True, blank=True)
    party_approval_ref = models.CharField(_("党委同意文件或会议"), max_length=128, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body", region="body__region__code", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("决策事项目录")
        verbose_name_plural = _("决策事项目录")
        ordering = ["-year", "body__name", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "revision"], name="decisions_catalog_revision"
            ),
            models.CheckConstraint(
                condition=Q(revision=1) | ~Q(adjustment_reason=""),
                name="decisions_catalog_adjustment_reason",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="decisions_cat_year_status")]

    def __str__(self) -> str:
        return f"{self.body.name}{self.year}年度目录(第{self.revision}版)"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalog_detail", args=[self.pk])


class CatalogEntry(models.Model):
    catalog = models.ForeignKey(
        Catalog, verbose_name=_("目录"), on_delete=models.CASCADE, related_name="entries"
    )
    sequence = models.PositiveSmallIntegerField(_("序号"))
    matter = models.CharField(_("决策事项"), max_length=200)
    scope_text = models.TextField(_("事项范围"))
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    cooperating_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("配合单位"), blank=True, related_name="+"
    )
    goal = models.TextField(_("工作目标"))
    due_on = models.DateField(_("完成时限"))
    procedures = models.JSONField(_("适用程序"), default=list)
    hearing = models.BooleanField(_("需要听证"), default=False)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit=("catalog__body", "lead_unit"), region="catalog__body__region__code", sees_all=VIEW_ALL
    )

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["catalog", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "sequence"], name="decisions_entry_seq")
        ]

    def __str__(self) -> str:
        return self.matter

    @property
    def procedure_labels(self) -> str:
        """The procedures the entry calls for, named in statutory order: 公众参与、合法性审查…"""
        return "、".join(
            str(label) for value, label in Procedure.choices if value in self.procedures
        )


class Decision(TimeStampedModel):
    """The dossier of one major decision, from drafting to publication and execution."""

    number = models.CharField(_("决策编号"), max_length=32, unique=True)
    title = models.CharField(_("决策名称"), max_length=200)
    body = models.ForeignKey(
        OrgUnit, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    drafting_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("决策承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("目录事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    options = models.TextField(_("决策方案(含备选方案)"))
    justification = models.TextField(_("起草说明"))
    stage = models.CharField(
        _("阶段"), max_length=16, choices=Stage.choices, default=Stage.DRAFTING
    )
    procedures = models.JSONField(_("适用程序"), default=list)
    requires_party_report = models.BooleanField(_("需报请同级党委"), default=False)
    # 公众参与 (Arts. 14–18)
    participation_done_on = models.DateField(_("公众参与完成日期"), null=True, blank=True)
    # 专家论证 (Arts. 19–21)
    expert_summary = models.TextField(_("专家论证意见综述"), blank=True)
    expert_done_on = models.DateField(_("专家论证完成日期"), null=True, blank=True)
    expert_dissent_note = models.TextField(_("听取不同意见情况"), blank=True)
    # 风险评估 (Arts. 22–24)
    risk_level = models.CharField(
        _("风险评估结论"), max_length=16, choices=RiskLevel.choices, blank=True
    )
    risk_report = models.TextField(_("风险评估报告"), blank=True)
    risk_assessed_on = models.DateField(_("风险评估日期"), null=True, blank=True)
    risk_assessor = models.CharField(_("风险评估承担单位"), max_length=128, blank=True)
    draft_adjustment = models.TextField(_("草案调整说明"), blank=True)
    # 合法性审查 (Arts. 25–28)
    review_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("合法性审查机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_submitted_on = models.DateField(_("送审日期"), null=True, blank=True)
    review_basis = models.TextField(_("决策依据及履行法定程序的说明"), blank=True)
    # Art. 26 ¶2: the time the drafter leaves the reviewer, "generally" at least 7 working days.
    review_due_on = models.DateField(_("要求审查完成日期"), null=True, blank=True)
    review_short_reason = models.TextField(_("审查时间少于法定期限的理由"), blank=True)
    # Art. 26 ¶1: materials short of what the review needs are returned; the period restarts.
    review_returned_on = models.DateField(_("退回补充材料日期"), null=True, blank=True)
    review_missing = models.TextField(_("需补充的材料"), blank=True)
    review_conclusion = models.CharField(
        _("审查结论"), max_length=16, choices=ReviewConclusion.choices, blank=True
    )
    review_opinion = models.TextField(_("合法性审查意见"), blank=True)
    review_done_on = models.DateField(_("审查完成日期"), null=True, blank=True)
    # 集体讨论决定 (Art. 30)
    meeting_kind = models.CharField(
        _("会议类型"), max_length=16, choices=MeetingKind.choices, blank=True
    )
    meeting_on = models.DateField(_("会议日期"), null=True, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    head_name = models.CharField(_("行政首长"), max_length=64, blank=True)
    head_decision = models.CharField(
        _("行政首长决定"), max_length=16, choices=HeadDecision.choices, blank=True
    )
    dissent = models.TextField(_("不同意见"), blank=True)
    # 报请党委 (Art. 31) and 公布 (Art. 32)
    party_reported_on = models.DateField(_("报请党委日期"), null=True, blank=True)
    party_report_ref = models.CharField(_("党委研究情况"), max_length=200, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    explanation = models.TextField(_("意见采纳情况说明"), blank=True)
    # 执行 (Arts. 34–35)
    implementing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("决策执行单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Art. 37: a major adjustment is a new dossier that runs the procedures again.
    adjusts = models.ForeignKey(
        "self",
        verbose_name=_("调整自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    created_by = person(_("创建人"), null=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit=("body", "drafting_unit", "review_unit", "implementing_unit"),
        region="body__region__code",
        sees_all=VIEW_ALL,
    )

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["stage"], name="decisions_decision_stage")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision_detail", args=[self.pk])

    def needs(self, procedure: str) -> bool:
        return procedure in self.procedures


class Hearing(TimeStampedModel):
    """A hearing (听证, Arts. 16–17)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="hearings")
    draft_published_on = models.DateField(_("公布听证草案日期"))
    materials_sent_on = models.DateField(_("材料送达参加人日期"))
    held_on = models.DateField(_("听证日期"))
    participants = models.TextField(_("听证参加人及遴选方式"))
    record = models.TextField(_("听证笔录摘要"))

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit")

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")
        ordering = ["held_on"]


class Consultation(TimeStampedModel):
    """A public consultation on a draft; its target is generic (a decision, a normative document)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("征求意见机关"), on_delete=models.PROTECT, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    title = models.CharField(_("草案名称"), max_length=200)
    draft_text = models.TextField(_("草案及说明"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    short_reason = models.TextField(_("期限少于法定期限的理由"), blank=True)
    status = status_field(ConsultationStatus.OPEN)
    adoption_summary = models.TextField(_("意见采纳情况及理由"), blank=True)
    summarised_on = models.DateField(_("公布采纳情况日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="unit", region="unit__region__code", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="decisions_cons_target"),
            models.Index(fields=["status", "closes_on"], name="decisions_cons_status"),
            models.Index(fields=["-opens_on", "-id"], name="decisions_cons_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="decisions_cons_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_label(self) -> str:
        # One dict lookup: `get_status_display` re-hashes every lazy choice on each call.
        return ConsultationStatus(self.status).label


class Comment(models.Model):
    """A citizen's comment; shown on the portal only after moderation."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("意见内容"))
    author_name = models.CharField(_("署名"), max_length=64, blank=True)
    client_digest = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    status = status_field(CommentStatus.PENDING)
    moderated_by = person(_("审核人"), null=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit="consultation__unit", region="consultation__unit__region__code", sees_all=VIEW_ALL
    )

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ["submitted_at", "id"]
        # The portal's page of one consultation's approved comments, in order, is a range scan.
        indexes = [
            models.Index(
                fields=["consultation", "status", "submitted_at", "id"],
                name="decisions_comment_page",
            )
        ]

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def status_label(self) -> str:
        return CommentStatus(self.status).label

    @property
    def public_author(self) -> str:
        """The signature as the portal shows it: 张三丰 → 张**."""
        return mask_name(self.author_name)

    @property
    def public_text(self) -> str:
        """The comment as the portal shows it: the signer's name, resident ID numbers and mobile
        numbers a citizen typed into it are masked; the moderator still reads it whole."""
        return mask_text(self.text, [self.author_name])


class Expert(TimeStampedModel):
    """A member of the expert pool (专家库, Art. 21)."""

    code = models.CharField(_("专家编号"), max_length=16, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    fields = models.JSONField(_("专业领域"), default=list)
    employer = models.CharField(_("工作单位"), max_length=128)
    contact = models.CharField(_("联系方式(不公开)"), max_length=64, blank=True)
    conflict_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("申报的利害关系单位"), blank=True, related_name="+"
    )
    conflict_note = models.TextField(_("利害关系说明"), blank=True)
    keeper = models.ForeignKey(
        OrgUnit, verbose_name=_("专家库管理单位"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("在库"), default=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="keeper", region="keeper__region__code", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ExpertDraw(TimeStampedModel):
    """A verifiable random selection of experts (the algorithm of `enforcement.draw`)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="draws")
    field = models.CharField(_("专业领域"), max_length=64)
    count = models.PositiveSmallIntegerField(_("抽取人数"))
    candidates = models.TextField(_("候选名单(规范格式)"))
    candidates_sm3 = models.CharField(_("候选名单SM3"), max_length=64)
    excluded = models.JSONField(_("因利害关系回避"), default=list, blank=True)
    commitment = models.CharField(_("种子承诺值"), max_length=64)
    seed = models.CharField(_("种子"), max_length=64, blank=True)
    sealed_seed = models.CharField(max_length=64, blank=True)
    selection = models.TextField(_("抽取结果"), blank=True)
    selection_sha256 = models.CharField(_("结果SHA-256"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    selected = models.ManyToManyField(Expert, blank=True, related_name="draws")

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit")

    class Meta:
        verbose_name = _("专家抽取")
        verbose_name_plural = _("专家抽取")
        ordering = ["created_at", "id"]


class ExpertOpinion(TimeStampedModel):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="opinions")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="opinions")
    text = models.TextField(_("书面论证意见"))
    dissenting = models.BooleanField(_("持不同意见"), default=False)
    given_on = models.DateField(_("出具日期"))

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit")

    class Meta:
        verbose_name = _("专家论证意见")
        verbose_name_plural = _("专家论证意见")
        ordering = ["given_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "expert"], name="decisions_opinion_once")
        ]


class LegalAdviser(TimeStampedModel):
    """A legal adviser or public-sector lawyer (法律顾问、公职律师) a unit may consult."""

    name = models.CharField(_("姓名"), max_length=64)
    kind = models.CharField(_("类别"), max_length=16, choices=AdviserKind.choices)
    employer = models.CharField(_("执业机构或工作单位"), max_length=128)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("聘请或所在单位"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("在聘"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="unit", region="unit__region__code", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("法律顾问和公职律师")
        verbose_name_plural = _("法律顾问和公职律师")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}({self.get_kind_display()})"


class LegalAdvice(TimeStampedModel):
    """A legal opinion given on a decision (Art. 28; measure (八): 法律顾问决策前介入)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="advice")
    adviser = models.ForeignKey(LegalAdviser, on_delete=models.PROTECT, related_name="advice")
    text = models.TextField(_("法律意见"))
    given_on = models.DateField(_("出具日期"))

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit", "review_unit")

    class Meta:
        verbose_name = _("法律意见")
        verbose_name_plural = _("法律意见")
        ordering = ["given_on", "id"]


class Attachment(TimeStampedModel):
    """A document of the dossier (draft, report, minutes scan …); archived with its SM3."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="decisions/%Y/")
    size = models.PositiveBigIntegerField(_("大小(字节)"))
    sm3 = models.CharField(_("SM3"), max_length=64)

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit")

    class Meta:
        verbose_name = _("决策材料")
        verbose_name_plural = _("决策材料")
        ordering = ["created_at", "id"]


class ExecutionReport(TimeStampedModel):
    """An implementing unit's report on execution (Arts. 34–35), due on a schedule."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="reports")
    due_on = models.DateField(_("应报日期"))
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    progress = models.TextField(_("执行情况"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("implementing_unit", "body")

    class Meta:
        verbose_name = _("执行情况报告")
        verbose_name_plural = _("执行情况报告")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "due_on"], name="decisions_report_due")
        ]


class Evaluation(TimeStampedModel):
    """A post-decision evaluation (决策后评估, Art. 36)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="evaluations")
    trigger = models.CharField(_("评估原因"), max_length=16, choices=EvaluationTrigger.choices)
    evaluator = models.CharField(_("评估机构"), max_length=128)
    third_party = models.BooleanField(_("委托第三方评估"), default=False)
    started_on = models.DateField(_("开始日期"))
    conclusion = models.TextField(_("评估结论"), blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "implementing_unit")

    class Meta:
        verbose_name = _("决策后评估")
        verbose_name_plural = _("决策后评估")
        ordering = ["started_on", "id"]


class DecisionChange(TimeStampedModel):
    """A change, suspension, stop or resumption decided through a procedure (Art. 37)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("类别"), max_length=16, choices=ChangeKind.choices)
    reason = models.TextField(_("理由"))
    meeting_kind = models.CharField(_("会议类型"), max_length=16, choices=MeetingKind.choices)
    meeting_on = models.DateField(_("会议日期"))
    content = models.TextField(_("变更内容"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "implementing_unit")

    class Meta:
        verbose_name = _("决策变更")
        verbose_name_plural = _("决策变更")
        ordering = ["meeting_on", "id"]


class OfficialDocument(TimeStampedModel):
    """An official document of the dossier, numbered once (文号) and kept as issued (.docx)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书种类"), max_length=24, choices=DocumentKind.choices)
    prefix = models.CharField(_("文号前缀"), max_length=16)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=48)
    issuer = models.CharField(_("发文机关"), max_length=128)
    issued_on = models.DateField(_("成文日期"))
    file = models.FileField(_("文件"), upload_to="decisions/documents/%Y/")
    sm3 = models.CharField(_("SM3"), max_length=64)
    issued_by = person(_("制作人"), null=True)

    objects = ScopedQuerySet.as_manager()
    scope = dossier_scope("body", "drafting_unit", "review_unit")

    class Meta:
        verbose_name = _("决策文书")
        verbose_name_plural = _("决策文书")
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], name="decisions_document_once"),
            models.UniqueConstraint(
                fields=["prefix", "year", "serial"], name="decisions_document_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"
