"""Leydesdorff's triple-helix synergy: mutual information in three (or more) dimensions.

References
----------
.. [1] L. Leydesdorff, "The mutual information of university-industry-government relations: an
   indicator of the triple helix dynamics", Scientometrics 58 (2003) 445-467.
.. [2] L. Leydesdorff and I. Ivanova, "Mutual redundancies in interhuman communication systems",
   JASIST 65 (2014) 386-399 (the sign for more dimensions).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Sequence


def helix_synergy(
    collaborations: Iterable[Collection[str]],
    helices: Sequence[str] = ("academia", "business", "government"),
) -> float:
    """Return the mutual information T among the helices, in bits, over collaborations.

    Each collaboration is the set of helices present in it; each helix is a binary variable
    (present or not) observed once per collaboration. Then

        T = sum_{k=1..N} (-1)^(k+1) sum_{|S|=k} H_S,

    with H_S the Shannon entropy (log base 2) of the joint distribution of the helices in S. In
    three dimensions a negative T means synergy: the helices together reduce uncertainty more
    than pairwise ties account for. The sign of the highest-order term alternates with N, so in
    four dimensions the same parity structure gives +1 where three dimensions give -1: compare
    values of the same N only.

    Examples
    --------
    Exclusive or: academia and business independent fair coins, government = their XOR.

    >>> helix_synergy([set(), {"business", "government"}, {"academia", "government"},
    ...                {"academia", "business"}])
    -1.0
    """
    columns = list(helices)
    if len(set(columns)) != len(columns) or not columns:
        raise ValueError("helices: give two or more distinct names")
    # at most 2^N distinct rows: count them once, then marginalise the counts
    rows = Counter(tuple(h in c for h in columns) for c in collaborations)
    if not rows:
        raise ValueError("no collaborations: synergy needs observations")
    total = 0.0
    for k in range(1, len(columns) + 1):
        sign = 1 if k % 2 else -1
        for subset in itertools.combinations(range(len(columns)), k):
            marginal: Counter[tuple[Hashable, ...]] = Counter()
            for row, count in rows.items():
                marginal[tuple(row[i] for i in subset)] += count
            total += sign * _entropy(marginal)
    return total + 0.0  # no negative zero


def _entropy(counts: Counter[tuple[Hashable, ...]]) -> float:
    n = sum(counts.values())
    return -sum(c / n * math.log2(c / n) for c in counts.values() if c)


def normalized_mutual_information(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Return the mutual information of two labellings of the same items over the mean of their
    entropies (0: independent, 1: the same partition up to names; 1 when both are trivial).

    The arithmetic-mean normalisation, as scikit-learn's ``normalized_mutual_info_score``.

    Examples
    --------
    >>> normalized_mutual_information([0, 0, 1, 1], ["a", "a", "b", "b"])
    1.0
    >>> normalized_mutual_information([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    """
    if len(first) != len(second):
        raise ValueError("the two labellings must label the same items")
    h1 = _entropy(Counter((a,) for a in first))
    h2 = _entropy(Counter((b,) for b in second))
    joint = _entropy(Counter(zip(first, second, strict=True)))
    if h1 == 0 and h2 == 0:
        return 1.0
    return (h1 + h2 - joint) / ((h1 + h2) / 2) + 0.0
