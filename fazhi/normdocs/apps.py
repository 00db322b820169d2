from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import card, nav

# The chapter heading is the sidebar's grouping key; core translates the headings.
CHAPTER = "二、政府职能"  # the seed's measure (七) sits in chapter 二


class NormdocsConfig(appconfig.FazhiConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = _("行政规范性文件")
    chapter = CHAPTER
    navigation = [
        nav(_("规范性文件"), "normdocs:document_list", 20, "journal-text"),
        nav(_("起草审核"), "normdocs:review_list", 21, "clipboard-check"),
        nav(_("备案审查"), "normdocs:filing_list", 22, "archive"),
        nav(_("清理"), "normdocs:cleanup", 23, "funnel"),
        nav(_("待办与逾期"), "normdocs:overdue_list", 24, "alarm", perm="normdocs.view_overdue"),
        nav(
            _("批量登记"), "normdocs:document_import", 25, "upload", perm="normdocs.manage_registry"
        ),
    ]
    public_navigation = [
        card(
            _("规范性文件查询"),
            "portal:normdocs_public:search",
            10,
            "search",
            description=_("全县现行有效的行政规范性文件统一公开查询"),
        ),
    ]
