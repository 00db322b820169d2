from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The chapter heading is the sidebar's grouping key; core translates the headings.
CHAPTER = "二、制度体系"


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = _("行政规范性文件")
    navigation = [
        {
            "label": _("规范性文件"),
            "url": "normdocs:document_list",
            "chapter": CHAPTER,
            "order": 20,
            "icon": "journal-text",
        },
        {
            "label": _("起草审核"),
            "url": "normdocs:review_list",
            "chapter": CHAPTER,
            "order": 21,
            "icon": "clipboard-check",
        },
        {
            "label": _("备案审查"),
            "url": "normdocs:filing_list",
            "chapter": CHAPTER,
            "order": 22,
            "icon": "archive",
        },
        {
            "label": _("清理"),
            "url": "normdocs:cleanup",
            "chapter": CHAPTER,
            "order": 23,
            "icon": "funnel",
        },
        {
            "label": _("待办与逾期"),
            "url": "normdocs:overdue_list",
            "chapter": CHAPTER,
            "order": 24,
            "icon": "alarm",
            "perm": "normdocs.view_overdue",
        },
        {
            "label": _("批量登记"),
            "url": "normdocs:document_import",
            "chapter": CHAPTER,
            "order": 25,
            "icon": "upload",
            "perm": "normdocs.manage_registry",
        },
    ]
    public_navigation = [
        {
            "label": _("规范性文件查询"),
            "url": "portal:normdocs_public:search",
            "order": 10,
            "icon": "search",
            "description": _("全县现行有效的行政规范性文件统一公开查询"),
        },
    ]
