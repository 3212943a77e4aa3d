"""Fixtures for the training tests."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.training.content import load_modules
from portal.training.models import Module
from portal.training.services import modules_sync
from tests.training._files import edit, module_folder


@pytest.fixture
def sample(app, tmp_path):
    """The sample module (frontline audience, 2 attempts, pass mark 60), synced."""
    folder = module_folder(tmp_path / "modules")
    for name in ("module.md", "module.en.md"):
        edit(folder / name, "attempts: 3", "attempts: 2")
        edit(folder / name, "pass_mark: 80", "pass_mark: 60")
    modules_sync(actor=None, docs=load_modules(tmp_path / "modules"))
    db.session.commit()
    return db.session.scalar(sa.select(Module).where(Module.language == "en"))
