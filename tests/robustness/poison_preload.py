"""Dask worker preload for tests/robustness/test_cluster_faults.py: the
extractor kills its own worker process on any article containing "POISON
PILL", the way a segfault in a native library would."""

import os


def dask_setup(worker):
    import kg.extract

    real = kg.extract.extract_doc

    def extract_doc(doc, article):
        if "POISON PILL" in doc.text:
            os._exit(1)
        return real(doc, article)

    kg.extract.extract_doc = extract_doc
