"""Scoring extraction against annotated corpora: attribution on PolNeAR folds (overlap and exact P/R/F1,
source accuracy, recall per cue lemma) and the denial development set (eval/polnear/denials.jsonl).

Nothing here runs during extraction; ``kg eval-attribution`` and ``kg eval-denials`` call it.
"""
