"""Thin tasks: load the import by id, call its service. Each service claims its row, so running twice is harmless."""

from celery import shared_task

from . import services
from .models import RosterImport


@shared_task
def roster_import_analyse_task(*, import_id: int) -> None:
    roster_import = RosterImport.objects.filter(pk=import_id).first()
    if roster_import is not None:
        services.roster_import_analyse(roster_import=roster_import)


@shared_task
def roster_import_apply_task(*, import_id: int) -> None:
    roster_import = RosterImport.objects.filter(pk=import_id).first()
    if roster_import is not None:
        services.roster_import_apply(roster_import=roster_import)


@shared_task
def roster_imports_resume_task() -> int:
    """Every minute (Celery beat): check or apply again the imports whose worker died mid-way."""
    return services.roster_imports_resume()
