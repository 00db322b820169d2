"""Every audit action the decisions app writes."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Event(StrEnum):
    CATALOG_CREATE = "decisions.catalog_create"
    CATALOG_ENTRY_ADD = "decisions.catalog_entry_add"
    CATALOG_ENTRY_REMOVE = "decisions.catalog_entry_remove"
    CATALOG_APPROVE = "decisions.catalog_approve"
    CATALOG_PUBLISH = "decisions.catalog_publish"
    CATALOG_ADJUST = "decisions.catalog_adjust"
    CATALOG_SUPERSEDE = "decisions.catalog_supersede"
    PLAN_OBLIGATION_SETTLE = "decisions.plan_obligation_settle"
    DECISION_CREATE = "decisions.decision_create"
    DECISION_COMPLETE_DRAFT = "decisions.decision_complete_draft"
    DECISION_OPEN_CONSULTATION = "decisions.decision_open_consultation"
    DECISION_RECORD_HEARING = "decisions.decision_record_hearing"
    DECISION_FINISH_PARTICIPATION = "decisions.decision_finish_participation"
    DECISION_RECORD_OPINION = "decisions.decision_record_opinion"
    DECISION_FINISH_EXPERT = "decisions.decision_finish_expert"
    DECISION_ASSESS_RISK = "decisions.decision_assess_risk"
    DECISION_ADJUST_DRAFT = "decisions.decision_adjust_draft"
    DECISION_SUBMIT_REVIEW = "decisions.decision_submit_review"
    DECISION_RETURN_MATERIALS = "decisions.decision_return_materials"
    DECISION_RECORD_ADVICE = "decisions.decision_record_advice"
    DECISION_REVIEW = "decisions.decision_review"
    DECISION_DISCUSS = "decisions.decision_discuss"
    DECISION_REPORT_PARTY = "decisions.decision_report_party"
    DECISION_PUBLISH = "decisions.decision_publish"
    DECISION_ATTACH = "decisions.decision_attach"
    DECISION_CHANGE = "decisions.decision_change"
    DECISION_ADJUST_MAJOR = "decisions.decision_adjust_major"
    DECISION_EXPORT_ARCHIVE = "decisions.decision_export_archive"
    DOCUMENT_ISSUE = "decisions.document_issue"
    CONSULTATION_CLOSE = "decisions.consultation_close"
    CONSULTATION_SUMMARISE = "decisions.consultation_summarise"
    COMMENT_SUBMIT = "decisions.comment_submit"
    COMMENT_MODERATE = "decisions.comment_moderate"
    EXPERT_CREATE = "decisions.expert_create"
    DRAW_COMMIT = "decisions.draw_commit"
    DRAW_RUN = "decisions.draw_run"
    ADVISER_CREATE = "decisions.adviser_create"
    REPORT_SCHEDULE = "decisions.report_schedule"
    REPORT_SUBMIT = "decisions.report_submit"
    EVALUATION_START = "decisions.evaluation_start"
    EVALUATION_COMPLETE = "decisions.evaluation_complete"


LABELS = {
    Event.CATALOG_CREATE: _("新建决策事项目录"),
    Event.CATALOG_ENTRY_ADD: _("添加目录事项"),
    Event.CATALOG_ENTRY_REMOVE: _("删除目录事项"),
    Event.CATALOG_APPROVE: _("登记党委同意"),
    Event.CATALOG_PUBLISH: _("公布目录"),
    Event.CATALOG_ADJUST: _("调整目录"),
    Event.CATALOG_SUPERSEDE: _("目录被调整版本替代"),
    Event.PLAN_OBLIGATION_SETTLE: _("各决策机关目录均已公布,方案台账本年度时间节点完成"),
    Event.DECISION_CREATE: _("新建决策案卷"),
    Event.DECISION_COMPLETE_DRAFT: _("起草完成"),
    Event.DECISION_OPEN_CONSULTATION: _("公开征求意见"),
    Event.DECISION_RECORD_HEARING: _("登记听证"),
    Event.DECISION_FINISH_PARTICIPATION: _("公众参与完成"),
    Event.DECISION_RECORD_OPINION: _("登记专家论证意见"),
    Event.DECISION_FINISH_EXPERT: _("专家论证完成"),
    Event.DECISION_ASSESS_RISK: _("登记风险评估结论"),
    Event.DECISION_ADJUST_DRAFT: _("调整决策草案"),
    Event.DECISION_SUBMIT_REVIEW: _("送请合法性审查"),
    Event.DECISION_RETURN_MATERIALS: _("退回补充材料"),
    Event.DECISION_RECORD_ADVICE: _("登记法律顾问意见"),
    Event.DECISION_REVIEW: _("出具合法性审查意见"),
    Event.DECISION_DISCUSS: _("登记集体讨论决定"),
    Event.DECISION_REPORT_PARTY: _("登记报请党委"),
    Event.DECISION_PUBLISH: _("公布决策"),
    Event.DECISION_ATTACH: _("上传决策材料"),
    Event.DECISION_CHANGE: _("变更、暂停或停止执行"),
    Event.DECISION_ADJUST_MAJOR: _("重大调整(新建决策案卷)"),
    Event.DECISION_EXPORT_ARCHIVE: _("导出归档包"),
    Event.DOCUMENT_ISSUE: _("印发决策文书"),
    Event.CONSULTATION_CLOSE: _("截止征求意见"),
    Event.CONSULTATION_SUMMARISE: _("公布意见采纳情况"),
    Event.COMMENT_SUBMIT: _("提交公众意见"),
    Event.COMMENT_MODERATE: _("审核意见"),
    Event.EXPERT_CREATE: _("新增专家"),
    Event.DRAW_COMMIT: _("公布专家候选名单和种子承诺值"),
    Event.DRAW_RUN: _("揭示种子并抽取"),
    Event.ADVISER_CREATE: _("登记法律顾问或公职律师"),
    Event.REPORT_SCHEDULE: _("安排执行情况报告"),
    Event.REPORT_SUBMIT: _("报送执行情况"),
    Event.EVALUATION_START: _("组织决策后评估"),
    Event.EVALUATION_COMPLETE: _("登记评估结论"),
}
