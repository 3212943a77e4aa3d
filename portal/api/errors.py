"""The API's error body: `{"error": {"code", "message", "fields"}}`, for every status."""

from __future__ import annotations

from flask import Response, jsonify, request

PREFIX = "/api/"
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    500: "server_error",
    503: "busy",
}
MESSAGES = {
    400: "The request could not be understood. Nothing was changed.",
    401: "Send a token as 'Authorization: Bearer <token>'.",
    403: "The token's user lacks the capability this endpoint needs.",
    404: "There is nothing at this address, or the token's user may not see it.",
    405: "This address does not accept that method.",
    413: "The request is larger than the portal accepts.",
    422: "Some fields are not valid. Nothing was stored.",
    500: "Something went wrong; the error was logged. Nothing was stored.",
    503: "Another change held the database too long. Nothing was stored; retry shortly.",
}


def is_api_request() -> bool:
    """Errors under /api/ answer in JSON, even for addresses no route matches."""
    return request.path.startswith(PREFIX)


def api_error(
    status: int, message: str | None = None, fields: dict[str, str] | None = None
) -> Response:
    """A response, not a tuple, so that a view can also `abort()` with it."""
    error = {"code": CODES[status], "message": message or MESSAGES[status], "fields": fields or {}}
    response = jsonify(error=error)
    response.status_code = status
    return response
