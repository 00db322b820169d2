from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CHAPTER = "九、推进机制"


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = _("实施方案督办")
    navigation = [
        {
            "label": _("督办总览"),
            "url": "plans:dashboard",
            "chapter": CHAPTER,
            "order": 1,
            "icon": "speedometer2",
            "perm": "plans.view_all",
        },
        {
            "label": _("本单位任务"),
            "url": "plans:unit_overview",
            "chapter": CHAPTER,
            "order": 2,
            "icon": "building-check",
        },
        {
            "label": _("任务台账"),
            "url": "plans:task_list",
            "chapter": CHAPTER,
            "order": 3,
            "icon": "table",
        },
        {
            "label": _("进展审核"),
            "url": "plans:report_list",
            "chapter": CHAPTER,
            "order": 4,
            "icon": "clipboard-check",
        },
        {
            "label": _("督办单"),
            "url": "plans:notice_list",
            "chapter": CHAPTER,
            "order": 5,
            "icon": "megaphone",
        },
        {
            "label": _("导入方案"),
            "url": "plans:plan_import",
            "chapter": CHAPTER,
            "order": 6,
            "icon": "upload",
            "perm": "plans.import_plan",
        },
        {
            "label": _("对应上级措施"),
            "url": "plans:link_board",
            "chapter": CHAPTER,
            "order": 7,
            "icon": "diagram-3",
            "perm": "plans.link_task",
        },
    ]
