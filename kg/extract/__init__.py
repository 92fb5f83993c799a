"""The extractor: one article in, the contract dict out (docs/extractor-contract.md).

``extract(article)`` parses and extracts; ``extract_doc(doc, article)`` takes
an already parsed Doc. The stages and their order are in ``pipeline``;
docs/architecture.md maps them to modules.
"""

from .pipeline import extract, extract_doc

__all__ = ["extract", "extract_doc"]
