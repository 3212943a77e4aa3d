"""Each person's home: one page, a section for every capability their roles grant."""

from flask_login import current_user

from portal.auth.permissions import requires
from portal.home import bp, queries
from portal.web import render


@bp.route("/")
@requires("home.view")
def index():
    can = current_user.can
    sections = {}
    if can("customers.act"):
        sections["frontline"] = {
            "promises": queries.promises_due_list(actor=current_user),
            "recent": queries.interactions_recent_list(actor=current_user),
        }
    if can("teams.view"):
        sections["manager"] = {"members": queries.team_overview_list(actor=current_user)}
    if can("quality.view"):
        sections["trainer"] = {
            "low": queries.low_satisfaction_list(actor=current_user),
            "by_department": queries.low_satisfaction_by_department(actor=current_user),
        }
    if can("users.manage"):
        sections["admin"] = {
            "roles": queries.users_by_role(),
            "audit": queries.audit_latest_list(),
        }
    return render("home/index.html", sections=sections)
