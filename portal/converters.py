"""URL converters: `<int:…>` accepts only ids a database integer column can hold.

Werkzeug's integer converter takes any number of digits; an id above 2**63 - 1 then
overflows in the database driver (a 500). Bounded here, routing answers 404 instead,
for every route at once.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

BIGGEST_ID = 2**63 - 1  # signed 64-bit: BIGINT on PostgreSQL, INTEGER on SQLite


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


def register(app) -> None:
    """Replace `int` before any blueprint adds its rules."""
    app.url_map.converters["int"] = BoundedIntegerConverter
