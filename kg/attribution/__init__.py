"""A trained attribution tagger: who (source) said (cue) what (content), as BIO tags from a CRF.

Stages, in the order data flows: ``bio`` (spans <-> token tags, sequence units), ``features``
(spaCy token features), ``tagger`` (the shipped CRF model, loaded once per process), ``decode``
(tags -> attributions), ``hybrid`` (merging with the rule extractor's statements), ``score``
(PolNeAR-style scoring). ``train`` fits a model on a PolNeAR copy.
"""
