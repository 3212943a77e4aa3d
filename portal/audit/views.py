"""The audit log for administrators (read only: there is no route that changes it)."""

from flask import request

from portal.audit import bp, queries
from portal.auth.permissions import requires
from portal.web import render


@bp.route("/")
@requires("audit.read")
def index():
    filters = {
        "action": request.args.get("action", "")[:60],
        "actor": request.args.get("actor", "")[:254],
        "target_type": request.args.get("target_type", "")[:40],
        "target_id": request.args.get("target_id", type=int),
    }
    rows, more = queries.audit_list(before_id=request.args.get("before", type=int), **filters)
    return render("audit/index.html", "results", rows=rows, more=more, filters=filters)
