"""Every audit action the decisions app writes, and what the audit page calls it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    CATALOG_CREATE = "decisions.catalog_create", _("新建决策事项目录")
    CATALOG_ENTRY_ADD = "decisions.catalog_entry_add", _("添加目录事项")
    CATALOG_ENTRY_REMOVE = "decisions.catalog_entry_remove", _("删除目录事项")
    CATALOG_APPROVE = "decisions.catalog_approve", _("登记党委同意")
    CATALOG_PUBLISH = "decisions.catalog_publish", _("公布目录")
    CATALOG_ADJUST = "decisions.catalog_adjust", _("调整目录")
    CATALOG_SUPERSEDE = "decisions.catalog_supersede", _("目录被调整版本替代")
    PLAN_OBLIGATION_SETTLE = (
        "decisions.plan_obligation_settle",
        _("各决策机关目录均已公布,方案台账本年度时间节点完成"),
    )
    DECISION_CREATE = "decisions.decision_create", _("新建决策案卷")
    DECISION_COMPLETE_DRAFT = "decisions.decision_complete_draft", _("起草完成")
    DECISION_OPEN_CONSULTATION = "decisions.decision_open_consultation", _("公开征求意见")
    DECISION_RECORD_HEARING = "decisions.decision_record_hearing", _("登记听证")
    DECISION_FINISH_PARTICIPATION = "decisions.decision_finish_participation", _("公众参与完成")
    DECISION_RECORD_OPINION = "decisions.decision_record_opinion", _("登记专家论证意见")
    DECISION_FINISH_EXPERT = "decisions.decision_finish_expert", _("专家论证完成")
    DECISION_ASSESS_RISK = "decisions.decision_assess_risk", _("登记风险评估结论")
    DECISION_ADJUST_DRAFT = "decisions.decision_adjust_draft", _("调整决策草案")
    DECISION_SUBMIT_REVIEW = "decisions.decision_submit_review", _("送请合法性审查")
    DECISION_RETURN_MATERIALS = "decisions.decision_return_materials", _("退回补充材料")
    DECISION_RECORD_ADVICE = "decisions.decision_record_advice", _("登记法律顾问意见")
    DECISION_REVIEW = "decisions.decision_review", _("出具合法性审查意见")
    DECISION_DISCUSS = "decisions.decision_discuss", _("登记集体讨论决定")
    DECISION_REPORT_PARTY = "decisions.decision_report_party", _("登记报请党委")
    DECISION_PUBLISH = "decisions.decision_publish", _("公布决策")
    DECISION_ATTACH = "decisions.decision_attach", _("上传决策材料")
    DECISION_CHANGE = "decisions.decision_change", _("变更、暂停或停止执行")
    DECISION_ADJUST_MAJOR = "decisions.decision_adjust_major", _("重大调整(新建决策案卷)")
    DECISION_EXPORT_ARCHIVE = "decisions.decision_export_archive", _("导出归档包")
    DOCUMENT_ISSUE = "decisions.document_issue", _("印发决策文书")
    CONSULTATION_CLOSE = "decisions.consultation_close", _("截止征求意见")
    CONSULTATION_SUMMARISE = "decisions.consultation_summarise", _("公布意见采纳情况")
    COMMENT_SUBMIT = "decisions.comment_submit", _("提交公众意见")
    COMMENT_MODERATE = "decisions.comment_moderate", _("审核意见")
    EXPERT_CREATE = "decisions.expert_create", _("新增专家")
    DRAW_COMMIT = "decisions.draw_commit", _("公布专家候选名单和种子承诺值")
    DRAW_RUN = "decisions.draw_run", _("揭示种子并抽取")
    ADVISER_CREATE = "decisions.adviser_create", _("登记法律顾问或公职律师")
    REPORT_SCHEDULE = "decisions.report_schedule", _("安排执行情况报告")
    REPORT_SUBMIT = "decisions.report_submit", _("报送执行情况")
    EVALUATION_START = "decisions.evaluation_start", _("组织决策后评估")
    EVALUATION_COMPLETE = "decisions.evaluation_complete", _("登记评估结论")
