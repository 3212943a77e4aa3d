"""Learners' forms. Which answers are allowed depends on the attempt: grading checks it."""

from wtforms import HiddenField, SelectMultipleField

from portal.forms import PortalForm


class StartForm(PortalForm):
    """Start (or resume) a quiz: a button and its CSRF token."""


class AnswerForm(PortalForm):
    qid = HiddenField()
    node = HiddenField()
    # The options differ per step; the template writes them and grading checks them.
    choice = SelectMultipleField(validate_choice=False)
