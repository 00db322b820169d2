"""Every audit action the enforcement app writes (`enforcement.<entity>_<verb>`), and its name."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .workflow import ACTION_LABELS


class Event(models.TextChoices):
    BODY_CREATE = "enforcement.body_create", _("新增执法主体")
    BODY_UPDATE = "enforcement.body_update", _("修改执法主体")
    MATTER_CREATE = "enforcement.matter_create", _("新增执法事项")
    MATTER_LINK_POWER_ITEM = "enforcement.matter_link_power_item", _("执法事项对应权责清单事项")
    OFFICER_CREATE = "enforcement.officer_create", _("新增执法人员")
    CREDENTIAL_ISSUE = "enforcement.credential_issue", _("核发执法证件")
    CREDENTIAL_SET_STATUS = "enforcement.credential_set_status", _("变更执法证件状态")
    TRAINING_SESSION_CREATE = "enforcement.training_session_create", _("新建培训")
    TRAINING_RECORD = "enforcement.training_record", _("登记培训学时")
    RELATION_RECORD = "enforcement.relation_record", _("登记回避关系")
    CASE_FILE = "enforcement.case_file", _("立案")
    # The workflow's steps, named as on the case page.
    CASE_ASSIGN = "enforcement.case_assign", ACTION_LABELS["assign"]
    CASE_INVESTIGATE = "enforcement.case_investigate", ACTION_LABELS["investigate"]
    CASE_ADD_EVIDENCE = "enforcement.case_add_evidence", ACTION_LABELS["add_evidence"]
    CASE_NOTIFY = "enforcement.case_notify", ACTION_LABELS["notify"]
    CASE_WAIVE = "enforcement.case_waive", ACTION_LABELS["waive"]
    CASE_REQUEST_HEARING = "enforcement.case_request_hearing", ACTION_LABELS["request_hearing"]
    CASE_HOLD_HEARING = "enforcement.case_hold_hearing", ACTION_LABELS["hold_hearing"]
    CASE_SUBMIT_REVIEW = "enforcement.case_submit_review", ACTION_LABELS["submit_review"]
    CASE_REVIEW = "enforcement.case_review", ACTION_LABELS["review"]
    CASE_DISCUSS = "enforcement.case_discuss", ACTION_LABELS["discuss"]
    CASE_EXTEND = "enforcement.case_extend", ACTION_LABELS["extend"]
    CASE_DECIDE = "enforcement.case_decide", ACTION_LABELS["decide"]
    CASE_SERVE = "enforcement.case_serve", ACTION_LABELS["serve"]
    CASE_PUBLISH = "enforcement.case_publish", ACTION_LABELS["publish"]
    CASE_EXECUTE = "enforcement.case_execute", ACTION_LABELS["execute"]
    CASE_CLOSE = "enforcement.case_close", ACTION_LABELS["close"]
    EVIDENCE_ADD = "enforcement.evidence_add", _("保存证据文件")
    EVIDENCE_CUSTODY = "enforcement.evidence_custody", _("登记证据保管流转")
    STANDARD_IMPORT = "enforcement.standard_import", _("导入裁量基准")
    TARGET_IMPORT = "enforcement.target_import", _("导入检查对象名录")
    PLAN_CREATE = "enforcement.plan_create", _("新建抽查计划")
    DRAW_COMMIT = "enforcement.draw_commit", _("公布检查对象名录和种子承诺值")
    DRAW_REVEAL = "enforcement.draw_reveal", _("揭示种子并抽取检查对象")
    DRAW_PUBLISH_RESULTS = "enforcement.draw_publish_results", _("公示抽查结果")
    VISIT_ASSIGN = "enforcement.visit_assign", _("指派检查人员")
    VISIT_RECORD_RESULT = "enforcement.visit_record_result", _("登记检查结果")
    FILE_REVIEW_RECORD = "enforcement.file_review_record", _("登记案卷评查结果")
    GUIDING_CASE_CREATE = "enforcement.guiding_case_create", _("发布指导案例")


def case_event(action: str) -> Event:
    """The audit action of a workflow step (`notify` → CASE_NOTIFY)."""
    return Event(f"enforcement.case_{action}")
