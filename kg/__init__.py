"""kg: a claims-and-denials knowledge graph built from news articles.

The Python API is what the CLI calls, one function per command::

    import kg
    from kg.ingest import ingest
    from kg.export import export

    with kg.open_store("./kg-store") as store:
        report = ingest(store, ["corpus/"])                 # kg ingest
        rows = kg.run_query(store, name="who-denied-what")  # kg query / kg denials
        kg.validate_store(store)                            # kg validate
        export(store, "html", "exports/map.html")           # kg export
    kg.extract_file("corpus/000_aeb538c21ffb816a.txt")     # kg extract

(``ingest`` and ``export`` are also the names of their modules, so they are
imported from there.) Names are imported lazily: ``import kg`` does not load
spaCy.
"""

from importlib import import_module

from .errors import KgError, StoreInUseError

__version__ = "0.1.0"

_API = {
    "open_store": "kg.store",
    "run_query": "kg.query",
    "format_result": "kg.query",
    "resolve_name": "kg.query",
    "extract_file": "kg.api",
    "extract_files": "kg.api",
    "validate_store": "kg.validate",
    "build_network": "kg.export",
    "clean_text": "kg.cleaning",
    "article_graph": "kg.graph",
    "evaluate": "kg.evaluate",
}

__all__ = ["KgError", "StoreInUseError", "__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
