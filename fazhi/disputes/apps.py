from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import card, nav

# The sidebar chapter is a grouping key; core translates chapter headings.
CHAPTER = "六、纠纷化解"


class DisputesConfig(appconfig.FazhiConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = _("矛盾纠纷化解")
    chapter = CHAPTER
    navigation = [
        nav(
            _("行政复议"),
            "disputes:reconsideration_list",
            60,
            "journal-check",
            perm="disputes.view",
        ),
        nav(_("行政应诉"), "disputes:litigation_list", 61, "bank", perm="disputes.view"),
        nav(
            _("意见书与建议书"), "disputes:letter_list", 62, "envelope-paper", perm="disputes.view"
        ),
        nav(_("调解与裁决"), "disputes:mediation_list", 63, "people", perm="disputes.view"),
        nav(_("信访"), "disputes:petition_list", 64, "chat-square-text", perm="disputes.view"),
        nav(_("期限预警"), "disputes:deadlines", 65, "alarm", perm="disputes.view"),
        nav(_("年度统计"), "disputes:statistics", 66, "bar-chart", perm="disputes.view_statistics"),
    ]
    public_navigation = [
        card(
            _("网上申请行政复议"),
            "portal:disputes:apply",
            30,
            "pencil-square",
            description=_("在线提交行政复议申请和材料"),
        ),
        card(
            _("复议案件查询"),
            "portal:disputes:query",
            31,
            "search",
            description=_("凭案号和查询码查看办理进度"),
        ),
        card(
            _("行政复议决定书"),
            "portal:disputes:decision_list",
            32,
            "file-earmark-text",
            description=_("已公开的行政复议决定书(个人信息已隐去)"),
        ),
    ]
