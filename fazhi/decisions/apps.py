from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The sidebar chapter is a grouping key; core translates chapter headings.
CHAPTER = "三、行政决策"


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = _("重大行政决策")
    api_prefix = "/public/decisions"
    navigation = [
        {
            "label": _("决策事项目录"),
            "url": "decisions:catalog_list",
            "chapter": CHAPTER,
            "order": 25,
            "icon": "list-ol",
            "perm": "decisions.view",
        },
        {
            "label": _("重大行政决策"),
            "url": "decisions:decision_list",
            "chapter": CHAPTER,
            "order": 26,
            "icon": "diagram-3",
            "perm": "decisions.view",
        },
        {
            "label": _("专家库"),
            "url": "decisions:expert_list",
            "chapter": CHAPTER,
            "order": 27,
            "icon": "mortarboard",
            "perm": "decisions.view",
        },
        {
            "label": _("法律顾问和公职律师"),
            "url": "decisions:adviser_list",
            "chapter": CHAPTER,
            "order": 28,
            "icon": "person-badge",
            "perm": "decisions.view",
        },
        {
            "label": _("决策执行任务"),
            "url": "decisions:execution_tasks",
            "chapter": CHAPTER,
            "order": 29,
            "icon": "clipboard-check",
            "perm": "decisions.view",
        },
    ]
    public_navigation = [
        {
            "label": _("决策草案征求意见"),
            "url": "portal:decisions:consultation_list",
            "order": 20,
            "icon": "megaphone",
            "description": _("正在公开征求意见的决策草案,无需注册即可留言"),
        },
        {
            "label": _("重大行政决策事项目录"),
            "url": "portal:decisions:catalog_list",
            "order": 21,
            "icon": "list-ol",
            "description": _("各决策机关公布的年度决策事项目录"),
        },
    ]
