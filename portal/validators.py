"""Form validators shared by the features."""

import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

# Shape only: internal addresses such as name@demo.example must pass, which the
# email-validator package refuses as a reserved domain.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")


class EmailAddress:
    def __init__(self, message=None):
        self.message = message or _l("Enter an e-mail address such as name@company.es.")

    def __call__(self, form, field):
        if field.data and not _EMAIL.match(field.data.strip()):
            raise ValidationError(self.message)
