"""kg: a claims-and-denials knowledge graph built from news articles."""

from .errors import KgError

__version__ = "0.1.0"
__all__ = ["KgError", "__version__"]
