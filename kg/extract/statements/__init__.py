"""The statement stage of the extractor (see ``assemble``): attributed statements,
their kinds, speakers, targets and the allegations each denial answers."""

from .assemble import build_statements

__all__ = ["build_statements"]
