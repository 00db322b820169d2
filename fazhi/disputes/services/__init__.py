"""Every write of the disputes app, one module per aggregate; callers import from here."""

from .adjudication import adjudication_decide, adjudication_item_save, adjudication_register
from .daily import reconsideration_apply_deadlines
from .letters import letter_follow_up, letter_issue, letter_reply
from .litigation import (
    litigation_close,
    litigation_record_hearing,
    litigation_register,
    litigation_submit_defence,
)
from .mediation import mediation_record_result, mediation_refer_confirmation, mediation_register
from .petitions import petition_accept, petition_extend, petition_register, petition_reply
from .reconsideration import (
    Application,
    reconsideration_accept,
    reconsideration_apply,
    reconsideration_record_supplement,
    reconsideration_refuse,
    reconsideration_request_supplement,
)
from .review import (
    reconsideration_consult_committee,
    reconsideration_decide,
    reconsideration_extend,
    reconsideration_publish,
    reconsideration_record_hearing,
    reconsideration_send_copy,
    reconsideration_submit_reply,
)
from .suspension import reconsideration_resume, reconsideration_suspend, reconsideration_terminate

__all__ = [
    "Application",
    "adjudication_decide",
    "adjudication_item_save",
    "adjudication_register",
    "letter_follow_up",
    "letter_issue",
    "letter_reply",
    "litigation_close",
    "litigation_record_hearing",
    "litigation_register",
    "litigation_submit_defence",
    "mediation_record_result",
    "mediation_refer_confirmation",
    "mediation_register",
    "petition_accept",
    "petition_extend",
    "petition_register",
    "petition_reply",
    "reconsideration_accept",
    "reconsideration_apply",
    "reconsideration_apply_deadlines",
    "reconsideration_consult_committee",
    "reconsideration_decide",
    "reconsideration_extend",
    "reconsideration_publish",
    "reconsideration_record_hearing",
    "reconsideration_record_supplement",
    "reconsideration_refuse",
    "reconsideration_request_supplement",
    "reconsideration_resume",
    "reconsideration_send_copy",
    "reconsideration_submit_reply",
    "reconsideration_suspend",
    "reconsideration_terminate",
]
