# Load the Celery app with Django, so tasks queued by services use the project's settings
# (run inline when FAZHI_REDIS_URL is unset).
from .celery import app as celery_app

__all__ = ("celery_app",)
