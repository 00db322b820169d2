from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core import appconfig
from fazhi.core.appconfig import nav

CHAPTER = "四、行政执法"


class EnforcementConfig(appconfig.FazhiConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法")
    chapter = CHAPTER
    navigation = [
        nav(
            _("执法案件"), "enforcement:case_list", 40, "folder2-open", perm="enforcement.view_case"
        ),
        nav(
            pgettext_lazy("enforcement", "执法人员"),
            "enforcement:officer_list",
            41,
            "person-badge",
            perm="enforcement.view_officer",
        ),
        nav(
            _("执法事项清单"),
            "enforcement:matter_list",
            41.5,
            "list-check",
            perm="enforcement.view_officer",
        ),
        nav(
            _("裁量基准"),
            "enforcement:standard_list",
            42,
            "sliders",
            perm="enforcement.view_standard",
        ),
        nav(
            _("双随机抽查"),
            "enforcement:plan_list",
            43,
            "shuffle",
            perm="enforcement.view_inspection",
        ),
        nav(
            _("执法监督"),
            "enforcement:supervision",
            44,
            "clipboard-data",
            perm="enforcement.view_supervision",
        ),
    ]
    public_navigation: list[dict] = [
        {
            "label": _("执法公示"),
            "url": "portal:enforcement_public:index",
            "order": 40,
            "icon": "megaphone",
            "description": _("执法主体、人员和事项,行政处罚决定与“双随机”抽查结果"),
        },
    ]
