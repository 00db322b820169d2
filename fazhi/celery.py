"""Celery app: with FAZHI_REDIS_URL unset, tasks run inline (CELERY_TASK_ALWAYS_EAGER)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
app = Celery("fazhi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
