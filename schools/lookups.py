"""A number no integer column can hold matches no row, instead of failing in the database.

Django (since 5.0, ticket #27397) answers "nothing matches" for ``exact``, ``gt``, ``gte``, ``lt`` and ``lte`` on
an integer field when the number is past the column's range, but not for ``in``, nor for a foreign key's own
``exact`` and ``in`` (``school_id=…``, ``program__in=[…]``). Those are what forged ids reach: a multi-select checks
its ids with ``pk__in`` (``ModelMultipleChoiceField``, django-filter's multiple choice filters), views filter by a
foreign key's id. SQLite then raises ``OverflowError`` and PostgreSQL an "out of range" error: a server error where
the form should say "Select a valid choice".

``register()`` (from ``SchoolsConfig.ready()``) puts these lookups in place of Django's for every integer field and
every foreign key of the project, so every form, filter and query is covered without a field class to remember.
They change nothing for numbers in range: they only leave out values that could never be equal to a stored one.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _integer_range(lhs, connection) -> tuple[int | None, int | None] | None:
    """The range of the integer column the lookup compares with (a foreign key's target's), or None."""
    if isinstance(lhs, ColPairs):
        return None
    field = lhs.output_field
    path_infos = getattr(field, "path_infos", None)
    if path_infos:
        field = path_infos[-1].target_fields[-1]
    if not isinstance(field, IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def _out_of_range(value, bounds) -> bool:
    low, high = bounds
    return isinstance(value, int) and ((low is not None and value < low) or (high is not None and value > high))


class InRangeMixin:
    """``in``: values past the column's range are left out; with none left, the lookup matches nothing."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _integer_range(self.lhs, connection)
            if bounds is not None:
                self.rhs = [value for value in self.rhs if not _out_of_range(value, bounds)]
                if not self.rhs:
                    raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class ExactInRangeMixin:
    """``exact``: a number past the column's range matches nothing (as Django does for plain integer fields)."""

    def process_rhs(self, compiler, connection):
        bounds = _integer_range(self.lhs, connection)
        if bounds is not None and _out_of_range(self.rhs, bounds):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class IntegerIn(InRangeMixin, In):
    pass


class RelatedIntegerIn(InRangeMixin, RelatedIn):
    pass


class RelatedIntegerExact(ExactInRangeMixin, RelatedExact):
    pass


def register() -> None:
    # Same lookup names as Django's, registered on the same classes: they replace them for every subclass (auto
    # fields, small and big integers, foreign keys and one-to-one fields).
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
