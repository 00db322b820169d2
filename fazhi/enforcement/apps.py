from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CHAPTER = "四、行政执法"


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法")
    navigation: list[dict] = [
        {
            "label": _("执法案件"),
            "url": "enforcement:case_list",
            "chapter": CHAPTER,
            "order": 40,
            "icon": "folder2-open",
            "perm": "enforcement.view_case",
        },
        {
            "label": pgettext_lazy("enforcement", "执法人员"),
            "url": "enforcement:officer_list",
            "chapter": CHAPTER,
            "order": 41,
            "icon": "person-badge",
            "perm": "enforcement.view_officer",
        },
        {
            "label": _("执法事项清单"),
            "url": "enforcement:matter_list",
            "chapter": CHAPTER,
            "order": 41.5,
            "icon": "list-check",
            "perm": "enforcement.view_officer",
        },
        {
            "label": _("裁量基准"),
            "url": "enforcement:standard_list",
            "chapter": CHAPTER,
            "order": 42,
            "icon": "sliders",
            "perm": "enforcement.view_standard",
        },
        {
            "label": _("双随机抽查"),
            "url": "enforcement:plan_list",
            "chapter": CHAPTER,
            "order": 43,
            "icon": "shuffle",
            "perm": "enforcement.view_inspection",
        },
        {
            "label": _("执法监督"),
            "url": "enforcement:supervision",
            "chapter": CHAPTER,
            "order": 44,
            "icon": "clipboard-data",
            "perm": "enforcement.view_supervision",
        },
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
