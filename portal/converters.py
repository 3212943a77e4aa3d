"""Numbers from the URL are only those a database integer column can hold.

Werkzeug's integer converter, and `request.args.get(name, type=int)`, take any number of
digits; a value beyond the id columns' range then overflows in the database driver or
the database (a 500). Bounded
here, routing answers 404 and a query argument counts as absent, for every view at once.
"""

from __future__ import annotations

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, Map

# Ids are `Integer` columns: 32-bit on PostgreSQL (SQLite would hold 64 bits, but one
# bound for both engines keeps the answer the same).
BIGGEST_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        # `min` and `max` are Werkzeug's argument names, shadowing the builtins here.
        bounded = BIGGEST_ID if max is None or max > BIGGEST_ID else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=bounded, signed=signed)


class BoundedArgs(ImmutableMultiDict):
    """`get(name, default, type=int)` gives the default for a number out of range, as it
    already does for text that is no number."""

    def get(self, key, default=None, type=None):
        value = super().get(key, default, type)
        if type is int and isinstance(value, int) and abs(value) > BIGGEST_ID:
            return default
        return value


class PortalRequest(Request):
    parameter_storage_class = BoundedArgs


def register(app) -> None:
    """Replace `int` before any blueprint adds its rules; bound integer query arguments."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.request_class = PortalRequest
