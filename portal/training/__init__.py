"""Training: the doctrine curriculum, quizzes, assignments and reports."""

from flask import Blueprint

bp = Blueprint("training", __name__, url_prefix="/training")

from portal.training import assignment_views, authoring_views, views  # noqa: E402,F401
