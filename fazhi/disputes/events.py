"""Every audit action the disputes app writes, and what the audit page calls it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    RECONSIDERATION_APPLY = "disputes.reconsideration_apply", _("登记行政复议申请")
    RECONSIDERATION_REQUEST_SUPPLEMENT = (
        "disputes.reconsideration_request_supplement",
        _("通知补正复议申请材料"),
    )
    RECONSIDERATION_RECORD_SUPPLEMENT = (
        "disputes.reconsideration_record_supplement",
        _("登记补正材料"),
    )
    RECONSIDERATION_ACCEPT = "disputes.reconsideration_accept", _("受理行政复议申请")
    RECONSIDERATION_REFUSE = "disputes.reconsideration_refuse", _("决定不予受理")
    RECONSIDERATION_DEEMED_ACCEPTED = (
        "disputes.reconsideration_deemed_accepted",
        _("审查期满视为受理"),
    )
    RECONSIDERATION_ABANDONED = "disputes.reconsideration_abandoned", _("逾期未补正视为放弃申请")
    RECONSIDERATION_SEND_COPY = "disputes.reconsideration_send_copy", _("向被申请人发送申请书副本")
    RECONSIDERATION_SUBMIT_REPLY = "disputes.reconsideration_submit_reply", _("登记被申请人答复")
    RECONSIDERATION_RECORD_HEARING = (
        "disputes.reconsideration_record_hearing",
        _("登记听证、调查或听取意见"),
    )
    RECONSIDERATION_CONSULT_COMMITTEE = (
        "disputes.reconsideration_consult_committee",
        _("提请行政复议委员会咨询"),
    )
    RECONSIDERATION_EXTEND = "disputes.reconsideration_extend", _("延长复议审理期限")
    RECONSIDERATION_DECIDE = "disputes.reconsideration_decide", _("作出行政复议决定")
    RECONSIDERATION_PUBLISH = "disputes.reconsideration_publish", _("公开行政复议决定书")
    RECONSIDERATION_SUSPEND = "disputes.reconsideration_suspend", _("中止行政复议")
    RECONSIDERATION_RESUME = "disputes.reconsideration_resume", _("恢复审理")
    RECONSIDERATION_TERMINATE = "disputes.reconsideration_terminate", _("终止行政复议")
    RECONSIDERATION_TERMINATED_LAPSED = (
        "disputes.reconsideration_terminated_lapsed",
        _("中止满六十日终止行政复议"),
    )
    LETTER_ISSUE = "disputes.letter_issue", _("登记意见书或建议书")
    LETTER_REPLY = "disputes.letter_reply", _("登记整改答复")
    LETTER_FOLLOW_UP = "disputes.letter_follow_up", _("记录跟踪督促")
    LITIGATION_REGISTER = "disputes.litigation_register", _("登记行政应诉案件")
    LITIGATION_SUBMIT_DEFENCE = "disputes.litigation_submit_defence", _("提交答辩状")
    LITIGATION_RECORD_HEARING = "disputes.litigation_record_hearing", _("登记出庭应诉情况")
    LITIGATION_CLOSE = "disputes.litigation_close", _("登记应诉案件结果")
    MEDIATION_REGISTER = "disputes.mediation_register", _("登记调解案件")
    MEDIATION_RECORD_RESULT = "disputes.mediation_record_result", _("登记调解结果")
    MEDIATION_REFER_CONFIRMATION = (
        "disputes.mediation_refer_confirmation",
        _("登记申请司法确认"),
    )
    ADJUDICATION_ITEM_SAVE = "disputes.adjudication_item_save", _("保存行政裁决事项")
    ADJUDICATION_REGISTER = "disputes.adjudication_register", _("登记行政裁决申请")
    ADJUDICATION_DECIDE = "disputes.adjudication_decide", _("作出行政裁决")
    PETITION_REGISTER = "disputes.petition_register", _("登记信访事项")
    PETITION_ACCEPT = "disputes.petition_accept", _("受理或引导信访事项")
    PETITION_EXTEND = "disputes.petition_extend", _("延长信访办理期限")
    PETITION_REPLY = "disputes.petition_reply", _("出具信访处理意见")
