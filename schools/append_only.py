"""Records nobody may change or delete once written: the access log and disclosures (FERPA 34 CFR 99.32).

The model refuses ``save()`` of an existing row and ``delete()``; its queryset refuses bulk ``update()`` and
``delete()``. Only a database administrator can still alter the table.
"""

from django.db import models

from .scoping import SchoolOwnedQuerySet

REFUSED = "This record is append-only."


class AppendOnlyQuerySet(SchoolOwnedQuerySet):
    def update(self, **kwargs):
        raise PermissionError(REFUSED)

    def delete(self):
        raise PermissionError(REFUSED)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(REFUSED)
