from django_tasks import task


@task()
def import_people(job_id: int) -> str:
    from juntos.api import imports
    from juntos.api.models import ImportJob

    return imports.run(ImportJob.objects.get(pk=job_id)).status
