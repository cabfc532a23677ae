"""Which uniqueness rule the database refused: the constraint named in an ``IntegrityError``."""

import re

from django.db.models import UniqueConstraint

_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?:index '(?P<index>[^']+)'|(?P<columns>.+))")


def violated_constraint(error, model):
    """The name of the constraint ``error`` reports (PostgreSQL names it; SQLite names the
    columns, matched here to ``model``'s constraints and unique fields), or ``None``."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if name:
        return name
    match = _SQLITE_UNIQUE.search(str(error))
    if not match:
        return None
    if match["index"]:
        return match["index"]
    columns = {column.strip().rsplit(".", 1)[-1] for column in match["columns"].split(",")}
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            if {model._meta.get_field(f).column for f in constraint.fields} == columns:
                return constraint.name
    for field in model._meta.concrete_fields:
        if field.unique and {field.column} == columns:
            return field.name
    return None
