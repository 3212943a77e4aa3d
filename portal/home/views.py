"""Each person's home: one page, a section for every role they hold."""

from flask_login import current_user

from portal.auth.permissions import requires
from portal.home import bp, queries
from portal.web import render


@bp.route("/")
@requires("home.view")
def index():
    roles = current_user.role_names
    sections = {}
    if "frontline" in roles:
        sections["frontline"] = {
            "promises": queries.promises_due_list(actor=current_user),
            "recent": queries.interactions_recent_list(actor=current_user),
        }
    if "manager" in roles:
        sections["manager"] = {"members": queries.team_overview_list(actor=current_user)}
    if "trainer" in roles:
        sections["trainer"] = {
            "low": queries.low_satisfaction_list(),
            "by_department": queries.low_satisfaction_by_department(),
        }
    if "admin" in roles:
        sections["admin"] = {
            "roles": queries.users_by_role(),
            "audit": queries.audit_latest_list(),
        }
    return render("home/index.html", sections=sections)
