"""The app's one item shape: a stored item, built from its row by column name."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questions import Item

JSON_ITEM_FIELDS = ("answer", "accepted", "choices", "tags")
CONTRACT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Item))


@dataclass(frozen=True)
class StoredItem(Item):
    """An item as the database keeps it: the generator's contract (a questions.Item, with
    selected = enabled) plus its place in the article and what teachers did to it."""

    article_id: int = 0
    position: int = 0
    enabled: bool = True  # asked in quizzes, studied, exported
    edited: bool = False  # a teacher changed its text: regenerating keeps it
    deleted: bool = False
    state_set: bool = False  # a teacher chose enabled: regenerating keeps that
    curated: bool | None = None  # in the generator's default set (None: stored before that)
    updated: str = ""

    def __post_init__(self) -> None:
        # The contract's name for an item in use is `selected`: for a stored item, enabled.
        object.__setattr__(self, "selected", self.enabled)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StoredItem:
        """The item of an items row (a mapping of column names; other columns are ignored)."""
        values = {name: row[name] for name in FIELD_NAMES if name in row}
        for name in JSON_ITEM_FIELDS:
            if isinstance(values.get(name), str):
                values[name] = json.loads(values[name])
        for name in ("accepted", "choices", "tags"):
            values[name] = tuple(values.get(name) or ())
        for name in ("enabled", "edited", "deleted", "state_set"):
            if name in values:
                values[name] = bool(values[name])
        if values.get("curated") is not None:
            values["curated"] = bool(values["curated"])
        return cls(**values)

    def contract(self) -> Item:
        """The item in the generator's contract (selected = enabled)."""
        values = {name: getattr(self, name) for name in CONTRACT_FIELDS}
        return Item(**values)

    def to_dict(self) -> dict[str, Any]:
        """The item in the contract's JSON shape (Item.to_dict())."""
        return self.contract().to_dict()


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(StoredItem))
