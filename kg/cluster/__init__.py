"""Ingest on a Dask cluster: ``kg ingest --scheduler tcp://HOST:8786`` (a
running ``dask scheduler`` and its ``dask worker`` processes, on any number of
machines) or ``--scheduler local:N`` (a LocalCluster of N worker processes
here). See docs/scaling.md.

* ``connect``: the cluster, checked and with kg's resources loaded on every worker;
* ``tasks``: what the workers run (read, parse, extract, build the graph, write);
* ``pipeline``: the client: bounded window, input order, name linking, writes;
* ``sink``: bulk writes into a SPARQL server;
* ``progress``: the progress bar (articles/s and words/s across the cluster).
"""

from .connect import parse_scheduler

__all__ = ["ingest_on_cluster", "parse_scheduler"]


def __getattr__(name: str):
    # Dask is imported only when a cluster is used, not to check an option.
    if name == "ingest_on_cluster":
        from .pipeline import ingest_on_cluster

        return ingest_on_cluster
    raise AttributeError(name)
