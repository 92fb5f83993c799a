"""The entity stage of the extractor (see ``find``): people, organisations, accounts."""

from .find import find_entities
from .index import EntityIndex

__all__ = ["EntityIndex", "find_entities"]
