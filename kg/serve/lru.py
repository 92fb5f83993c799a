"""A small thread-safe LRU: what a page computed, kept for the requests that follow."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable


class Lru:
    """The ``size`` most recently used values by key."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, make: Callable[[], object], size: int | None = None):
        """``make()``, or what it gave for ``key`` before (``size`` overrides the bound for this call)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > (size or self.size):
                self._values.popitem(last=False)
        return value
