"""Moving one row of a hand-ordered list (journal prompts, survey questions, an orientation's agenda) up or down:
the one rule every "Up" / "Down" button follows."""

from collections.abc import Sequence

from django.db.models import Model


def swap_with_neighbour(rows: Sequence[Model], row_pk: int, *, up: bool, field: str) -> list[Model] | None:
    """``rows`` in their order (already read, and locked by the caller where two people may move at once): swap the
    row ``row_pk`` with the one above (``up``) or below and number every row 0, 1, 2… in ``field`` on the way.
    Returns the rows to save (``bulk_update(rows, [field])``), or None when the row is not there or is already first
    or last."""
    rows = list(rows)
    index = next((i for i, row in enumerate(rows) if row.pk == row_pk), None)
    if index is None:
        return None
    other = index - 1 if up else index + 1
    if not 0 <= other < len(rows):
        return None
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        setattr(row, field, position)
    return rows
