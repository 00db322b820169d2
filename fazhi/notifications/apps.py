from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import nav


class NotificationsConfig(appconfig.FazhiConfig):
    name = "fazhi.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    chapter = _("基础")
    # Shown in the page header of every signed-in page (the bell with the unread count).
    header_template = "notifications/partials/bell.html"
    navigation = [
        nav(_("消息"), "notifications:inbox", 80, "bell"),
    ]
