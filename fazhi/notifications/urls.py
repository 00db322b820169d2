from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.Inbox.as_view(), name="inbox"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read-all/", views.inbox_mark_all_read, name="read_all"),
    path("preferences/", views.preference_edit, name="preferences"),
]
