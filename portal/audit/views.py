"""The audit log for administrators (read only: there is no route that changes it)."""

from datetime import datetime, time, timedelta

from flask import redirect, request, url_for
from flask_login import current_user

from portal.audit import bp, labels, present, queries
from portal.audit.forms import AuditFilterForm
from portal.audit.services import audit_record
from portal.auth.permissions import requires
from portal.csvout import csv_stream_response
from portal.extensions import db
from portal.formats import utc_of_local
from portal.web import render


@bp.route("/")
@requires("audit.read")
def index():
    form = AuditFilterForm(request.args)
    filters = _filters(form)
    rows, more = [], None
    if filters is not None:
        rows, more = queries.audit_list(filters, before_id=request.args.get("before", type=int))
    return render(
        "audit/index.html",
        "results",
        rows=rows,
        more=more,
        form=form,
        args=form.query_args(),
        action_label=labels.action_label,
        target_label=labels.target_label,
        detail_lines=labels.detail_lines,
    )


@bp.route("/export.csv")
@requires("audit.read")
def export():
    """The events the filters select, as CSV; the export itself is an audited event."""
    form = AuditFilterForm(request.args)
    filters = _filters(form)
    if filters is None:
        return redirect(url_for("audit.index", **form.query_args()))
    audit_record(
        actor=current_user,
        action="audit.exported",
        detail={"filters": form.query_args()},
        ip=request.remote_addr,
    )
    db.session.commit()
    rows = (present.csv_row(row) for row in queries.audit_export(filters))
    return csv_stream_response("audit-log.csv", present.csv_header(), rows)


def _filters(form: AuditFilterForm) -> queries.AuditFilters | None:
    """The form's filters, days turned into UTC bounds of the user's days; None when the
    form is not valid."""
    if not form.validate():
        return None
    since = until = None
    if form.date_from.data:
        since = utc_of_local(datetime.combine(form.date_from.data, time()))
    if form.date_to.data:
        until = utc_of_local(datetime.combine(form.date_to.data + timedelta(days=1), time()))
    return queries.AuditFilters(
        action=form.action.data or "",
        actor=form.actor.data or "",
        target_type=form.target_type.data or "",
        target_id=form.target_id.data,
        since=since,
        until=until,
    )
