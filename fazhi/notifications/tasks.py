"""Background wrappers: each delivery, the retry sweep, the daily deadline alerts and digests."""

from celery import shared_task

from . import services


@shared_task(name="notifications.deliver", acks_late=True)
def deliver(delivery_id: int) -> str:
    return services.delivery_send(delivery_id=delivery_id)


@shared_task(name="notifications.retry")
def retry() -> int:
    return services.deliveries_retry()


@shared_task(name="notifications.deadline_alerts")
def deadline_alerts() -> int:
    return services.deadline_alerts_send()


@shared_task(name="notifications.digest")
def digest() -> int:
    return services.digest_send()
