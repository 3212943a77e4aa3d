"""CSV downloads: UTF-8 with a byte-order mark (so spreadsheet programs read accents
right), and cells that could run as formulas neutralised.

Numbers in a download are written in the reader's language (views format them, e.g.
"0,75" in Spanish). Where the language writes decimals with a comma, the cells are
separated by ";" — what a spreadsheet set to that language (Excel in Spanish) expects,
and so a decimal comma never splits a cell; otherwise by ",".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from babel import numbers
from flask import Response, stream_with_context

from portal.i18n import current_locale

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STREAM_ROWS = 500  # rows written per chunk of a streamed download


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def delimiter() -> str:
    """ ";" for a language with a decimal comma, "," otherwise."""
    locale = current_locale()
    return ";" if locale is not None and numbers.get_decimal_symbol(locale) == "," else ","


def _attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter())
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return _attachment(Response("\ufeff" + buffer.getvalue(), mimetype="text/csv"), filename)


def csv_stream_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """The same file written as it is read, for exports too large to hold in memory."""
    return _attachment(
        Response(stream_with_context(_chunks(header, iter(rows))), mimetype="text/csv"), filename
    )


def _chunks(header: Sequence[str], rows: Iterator[Sequence]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter())
    buffer.write("\ufeff")
    writer.writerow(header)
    while True:
        batch = list(islice(rows, STREAM_ROWS))
        writer.writerows([_cell(v) for v in row] for row in batch)
        yield buffer.getvalue()
        if not batch:
            return
        buffer.seek(0)
        buffer.truncate()
