"""Background jobs of the catalogs: reading a large uploaded workbook with a progress record."""

from celery import shared_task
from django.utils.translation import gettext as _

from . import services
from .choices import ImportStatus
from .models import ImportJob


@shared_task(name="catalogs.import_run")
def import_run(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.created_by is None or not job.created_by.is_active:
        # Only the uploader's own permissions may import it; nobody else's stand in.
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED, message=_("导入人账号已停用,未导入")
        )
        return ImportStatus.FAILED
    return services.import_run(actor=job.created_by, job_id=job_id).status
