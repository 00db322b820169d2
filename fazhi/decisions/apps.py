from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import card, nav

# The sidebar chapter is a grouping key; core translates chapter headings.
CHAPTER = "三、行政决策"


class DecisionsConfig(appconfig.FazhiConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = _("重大行政决策")
    chapter = CHAPTER
    api_prefix = "/public/decisions"
    navigation = [
        nav(_("决策事项目录"), "decisions:catalog_list", 25, "list-ol", perm="decisions.view"),
        nav(_("重大行政决策"), "decisions:decision_list", 26, "diagram-3", perm="decisions.view"),
        nav(_("专家库"), "decisions:expert_list", 27, "mortarboard", perm="decisions.view"),
        nav(
            _("法律顾问和公职律师"),
            "decisions:adviser_list",
            28,
            "person-badge",
            perm="decisions.view",
        ),
        nav(
            _("决策执行任务"),
            "decisions:execution_tasks",
            29,
            "clipboard-check",
            perm="decisions.view",
        ),
    ]
    public_navigation = [
        card(
            _("决策草案征求意见"),
            "portal:decisions:consultation_list",
            20,
            "megaphone",
            description=_("正在公开征求意见的决策草案,无需注册即可留言"),
        ),
        card(
            _("重大行政决策事项目录"),
            "portal:decisions:catalog_list",
            21,
            "list-ol",
            description=_("各决策机关公布的年度决策事项目录"),
        ),
    ]
