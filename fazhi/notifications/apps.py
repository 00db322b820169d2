from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "fazhi.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    # Shown in the page header of every signed-in page (the bell with the unread count).
    header_template = "notifications/partials/bell.html"
    navigation = [
        {
            "label": _("消息"),
            "url": "notifications:inbox",
            "chapter": _("基础"),
            "order": 80,
            "icon": "bell",
        },
    ]
