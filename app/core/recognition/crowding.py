"""A higher bar for templates in a crowded part of the gallery (people this embedder finds alike).

dlib's embedder crowds some faces together (on LFW: older East Asian men, sisters, a few actors): a stranger
who resembles one of them clears a threshold that holds for the population as a whole. The gallery shows
where this happens: a template whose nearest OTHER enrolled template is closer than the nearest neighbour
of a template drawn from the calibration population (the table's similarity at survival 1/(N − 1)) lies in
a crowded region, and its scores are lowered by `strength` × the excess before the threshold and the margin
are applied:

    adjusted(probe, j) = similarity(probe, j) − strength · max(0, nearest_j − expected_nearest(N))

It only ever raises the bar (never lowers one), so the calibrated FPIR bound still holds for everyone. The
nearest neighbour of a candidate is looked up when it is needed (one gallery search per candidate, cached per
matcher version), so 100,000 templates need no rebuild. Measured in README ("Crowded templates").
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from app.core.matcher import Match, Matcher
from app.core.recognition.calibration import OpensetTable

CANDIDATES = 5  # raw hits re-ranked after the adjustment


class Crowding:
    """Per-template raise of one matcher's gallery, cached until the gallery changes."""

    def __init__(self, matcher: Matcher, table: OpensetTable, strength: float) -> None:
        self.matcher = matcher
        self.table = table
        self.strength = max(0.0, strength)
        self._lock = threading.Lock()
        self._version = -1
        self._raise: dict[str, float] = {}
        self._expected = 1.0

    def raise_for(self, key: str) -> float:
        """How much `key`'s scores are lowered (0.0 outside crowded regions)."""
        if self.strength <= 0.0:
            return 0.0
        with self._lock:
            if self._version != self.matcher.version:
                self._version = self.matcher.version
                self._raise.clear()
                n = len(self.matcher)
                self._expected = self.table.similarity_at(1.0 / (n - 1))[0] if n > 1 else 1.0
            cached = self._raise.get(key)
            if cached is not None:
                return cached
        if key not in self.matcher or len(self.matcher) < 2:
            value = 0.0
        else:
            near = [m for m in self.matcher.search(self.matcher.vector(key), k=2) if m.key != key]
            nearest = near[0].similarity if near else -1.0
            value = self.strength * max(0.0, nearest - self._expected)
        with self._lock:
            self._raise[key] = value
        return value

    def rerank(self, hits: Sequence[Match]) -> list[Match]:
        """The best two persons after the adjustment. `hits` are the raw best (CANDIDATES or more, best
        first); a person not among them scores at most the last raw one, which bounds the second best."""
        adjusted = sorted(
            (Match(h.key, h.similarity - self.raise_for(h.key)) for h in hits), key=lambda m: -m.similarity
        )
        if len(hits) >= CANDIDATES and len(adjusted) >= 1:
            unseen = hits[-1].similarity  # an upper bound for everyone not listed
            if len(adjusted) < 2 or adjusted[1].similarity < unseen:
                return [adjusted[0], Match("", unseen)]
        return adjusted[:2]
