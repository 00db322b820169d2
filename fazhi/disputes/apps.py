from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The sidebar chapter is a grouping key; core translates chapter headings.
CHAPTER = "六、纠纷化解"


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = _("矛盾纠纷化解")
    navigation = [
        {
            "label": _("行政复议"),
            "url": "disputes:reconsideration_list",
            "chapter": CHAPTER,
            "order": 60,
            "icon": "journal-check",
            "perm": "disputes.view",
        },
        {
            "label": _("行政应诉"),
            "url": "disputes:litigation_list",
            "chapter": CHAPTER,
            "order": 61,
            "icon": "bank",
            "perm": "disputes.view",
        },
        {
            "label": _("意见书与建议书"),
            "url": "disputes:letter_list",
            "chapter": CHAPTER,
            "order": 62,
            "icon": "envelope-paper",
            "perm": "disputes.view",
        },
        {
            "label": _("调解与裁决"),
            "url": "disputes:mediation_list",
            "chapter": CHAPTER,
            "order": 63,
            "icon": "people",
            "perm": "disputes.view",
        },
        {
            "label": _("信访"),
            "url": "disputes:petition_list",
            "chapter": CHAPTER,
            "order": 64,
            "icon": "chat-square-text",
            "perm": "disputes.view",
        },
        {
            "label": _("期限预警"),
            "url": "disputes:deadlines",
            "chapter": CHAPTER,
            "order": 65,
            "icon": "alarm",
            "perm": "disputes.view",
        },
        {
            "label": _("年度统计"),
            "url": "disputes:statistics",
            "chapter": CHAPTER,
            "order": 66,
            "icon": "bar-chart",
            "perm": "disputes.view_statistics",
        },
    ]
    public_navigation = [
        {
            "label": _("网上申请行政复议"),
            "url": "portal:disputes:apply",
            "order": 30,
            "icon": "pencil-square",
            "description": _("在线提交行政复议申请和材料"),
        },
        {
            "label": _("复议案件查询"),
            "url": "portal:disputes:query",
            "order": 31,
            "icon": "search",
            "description": _("凭案号和查询码查看办理进度"),
        },
        {
            "label": _("行政复议决定书"),
            "url": "portal:disputes:decision_list",
            "order": 32,
            "icon": "file-earmark-text",
            "description": _("已公开的行政复议决定书(个人信息已隐去)"),
        },
    ]
