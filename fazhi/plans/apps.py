from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import nav

CHAPTER = "九、推进机制"


class PlansConfig(appconfig.FazhiConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = _("实施方案督办")
    chapter = CHAPTER
    navigation = [
        nav(_("督办总览"), "plans:dashboard", 1, "speedometer2", perm="plans.view_all"),
        nav(_("本单位任务"), "plans:unit_overview", 2, "building-check"),
        nav(_("任务台账"), "plans:task_list", 3, "table"),
        nav(_("进展审核"), "plans:report_list", 4, "clipboard-check"),
        nav(_("督办单"), "plans:notice_list", 5, "megaphone"),
        nav(_("导入方案"), "plans:plan_import", 6, "upload", perm="plans.import_plan"),
        nav(_("对应上级措施"), "plans:link_board", 7, "diagram-3", perm="plans.link_task"),
    ]
