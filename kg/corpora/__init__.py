"""Reading annotated corpora (BRAT standoff, PolNeAR) for training and evaluation.

Nothing here is used by extraction itself: the extractor never reads a corpus.
"""
