"""Column helpers shared by the feature models."""

from enum import StrEnum

import sqlalchemy as sa


def enum_column(enum_cls: type[StrEnum], length: int = 20) -> sa.Enum:
    """A portable enum: VARCHAR plus a CHECK constraint, stored by value."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        name=enum_cls.__name__.lower(),
        validate_strings=True,
    )


def folded_text(length: int) -> sa.types.TypeEngine:
    """Text compared byte-wise so a prefix range can use a B-tree index on both engines."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")
