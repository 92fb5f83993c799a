"""The interface between the two stages: what the statement stage may ask of the entities.

The statement stage (``kg.extract.statements``) never imports the entity
stage; ``pipeline.extract_doc`` hands it an object with this shape
(``entities.EntityIndex`` in production, a small stub in the statement
tests). Keeping it this small is what lets the statement side be rebuilt or
tested on its own.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class EntityLookup(Protocol):
    """People, organisations and accounts of one article, as the statement stage sees them."""

    #: the contract ``entities`` records (dicts with id, type, name, mentions, roles, ...)
    entities: list[dict]
    #: person id -> "male" | "female" where the text says (honorific, gendered title, pronoun)
    gender: dict[str, str]

    def resolve(self, start: int, end: int) -> str | None:
        """The entity a character span names ("Hun Sen’s team" -> Hun Sen), or None."""

    def get(self, entity_id: str) -> dict:
        """The record of an entity id."""

    def name(self, entity_id: str) -> str:
        """The canonical name of an entity id."""

    def people(self) -> list[dict]:
        """The Person records."""
