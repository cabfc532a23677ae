"""Uniqueness rules in the database: which one an ``IntegrityError`` names, and their messages in forms."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


class ConstraintErrorsOnFields:
    """A model whose constraint violations are shown on a form field, not above the form.

    ``constraint_error_fields`` maps a constraint's ``violation_error_code`` to the field
    the editor can change; ``derived_fields`` (never in a form, computed in ``clean()``)
    are checked all the same.
    """

    constraint_error_fields = {}
    derived_fields = set()

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ()) - set(self.derived_fields)
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            by_field = {}
            for name, errors in error.error_dict.items():
                for item in errors:
                    target = self.constraint_error_fields.get(item.code, name) if name == NON_FIELD_ERRORS else name
                    by_field.setdefault(target, []).append(item)
            raise ValidationError(by_field) from error
