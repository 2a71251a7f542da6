"""Krippendorff's unitized alpha (α_u) over a continuum of characters, in its discrete 2004 form.

Sources: Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
section 11.6 (pp. 251–256, worked example p. 254); Krippendorff, K. (2004). Measuring the reliability
of qualitative text analysis data. Quality & Quantity 38: 787–800. This is the form INCEpTION reports
(through DKPro Statistics).

For one category c, each of the m coders divides the continuum of length L into *sections*: the units
they tagged with c and the gaps between them. With b the beginning and l the length of a section:

    δ²(g, h) = (b_g − b_h)² + (b_g + l_g − b_h − l_h)²   both units of c, overlapping
             = l_g²                                      g a unit inside the gap h
             = l_h²                                      h a unit inside the gap g
             = 0                                         otherwise

    D_o = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(g_i, h_j) / (m (m − 1) L²)

    D_e = (2 / L) · Σ_{units u} [ (N_c − 1) (2 l_u³ − 3 l_u² + l_u) / 3
                                  + l_u² Σ_{gaps g, l_g ≥ l_u} (l_g − l_u + 1) ]
          / ( m L (m L − 1) − Σ_{units u} l_u (l_u − 1) )

where the sums over units and gaps run over all coders and N_c is the number of units of c.
α_u(c) = 1 − D_o / D_e; over several categories α_u = 1 − Σ_c D_o(c) / Σ_c D_e(c).

Choices of ours, said here so the figures can be checked:
- One coder's overlapping units of one category are merged into their union first (the formula assumes
  a coder's units of a category do not overlap). Units that only touch stay separate.
- A corpus is one continuum made of its documents laid end to end; a gap never runs across a document
  boundary (it is split there), so a long untagged end of one document does not become one gap with the
  start of the next.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.review.measures import NAN, Alpha

Interval = tuple[int, int]


def merge_overlapping(units: Sequence[Interval]) -> list[Interval]:
    """The union of overlapping intervals; intervals that only touch are kept apart."""
    out: list[Interval] = []
    for start, end in sorted(units):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def sections(
    units: Sequence[Interval], length: int, boundaries: Sequence[int] = ()
) -> list[tuple[int, int, bool]]:
    """(start, end, is_unit) sections of [0, length): the merged units and the gaps between them, gaps
    split at `boundaries`."""
    cuts = sorted({b for b in boundaries if 0 < b < length})
    out: list[tuple[int, int, bool]] = []

    def gap(a: int, b: int) -> None:
        i = bisect_left(cuts, a + 1)
        while a < b:
            stop = cuts[i] if i < len(cuts) and cuts[i] < b else b
            out.append((a, stop, False))
            a = stop
            i += 1

    pos = 0
    for start, end in units:
        if start > pos:
            gap(pos, start)
        out.append((start, end, True))
        pos = end
    if pos < length:
        gap(pos, length)
    return out


def _pair_disagreement(first: list[tuple[int, int, bool]], second: list[tuple[int, int, bool]]) -> int:
    """Σ δ² over the sections of two coders that intersect (δ² is zero for all other pairs)."""
    total = 0
    i = j = 0
    while i < len(first) and j < len(second):
        b1, e1, u1 = first[i]
        b2, e2, u2 = second[j]
        if u1 and u2:
            total += (b1 - b2) ** 2 + (e1 - e2) ** 2
        elif u1 and b2 <= b1 and e1 <= e2:
            total += (e1 - b1) ** 2
        elif u2 and b1 <= b2 and e2 <= e1:
            total += (e2 - b2) ** 2
        if e1 <= e2:
            i += 1
        if e2 <= e1:
            j += 1
    return total


@dataclass
class UnitizedParts:
    """What α_u needs from one continuum (one document) for one category; parts of several documents
    combine into the α_u of the corpus laid end to end, exactly as one continuum whose gaps are cut at
    the document boundaries."""

    length: int = 0
    coders: int = 0
    observed: int = 0  # Σ_i Σ_{j>i} Σ δ² over the intersecting sections of coders i and j
    units: list[int] = field(default_factory=list)  # lengths of every coder's (merged) units
    gaps: list[int] = field(default_factory=list)  # lengths of every coder's gaps


def unitized_parts(
    length: int, coders: Sequence[Sequence[Interval]], boundaries: Sequence[int] = ()
) -> UnitizedParts:
    merged = [merge_overlapping([(max(0, s), min(length, e)) for s, e in units]) for units in coders]
    secs = [sections(units, length, boundaries) for units in merged]
    observed = 0
    for i in range(len(coders)):
        for j in range(i + 1, len(coders)):
            observed += _pair_disagreement(secs[i], secs[j])
    return UnitizedParts(
        length=length,
        coders=len(coders),
        observed=observed,
        units=[e - s for units in merged for s, e in units],
        gaps=[e - s for coder in secs for s, e, is_unit in coder if not is_unit],
    )


def combine(parts: Sequence[UnitizedParts]) -> Alpha:
    """α_u (as D_o, D_e) of the continua in `parts` laid end to end."""
    length = sum(p.length for p in parts)
    m = max((p.coders for p in parts), default=0)
    if m < 2 or length <= 0:
        return Alpha(NAN, NAN)
    d_o = 2 * sum(p.observed for p in parts) / (m * (m - 1) * length * length)
    unit_lengths = [u for p in parts for u in p.units]
    gap_lengths = sorted(g for p in parts for g in p.gaps)
    # Suffix sums of gap lengths: Σ_{l_g ≥ l} (l_g − l + 1) = S(l) − (l − 1)·C(l).
    suffix = [0] * (len(gap_lengths) + 1)
    for k in range(len(gap_lengths) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gap_lengths[k]
    n_c = len(unit_lengths)
    numerator = 0  # three times the bracketed sum, kept whole
    squares = 0
    for lu in unit_lengths:
        k = bisect_left(gap_lengths, lu)
        fitting = suffix[k] - (lu - 1) * (len(gap_lengths) - k)
        numerator += (n_c - 1) * (2 * lu**3 - 3 * lu**2 + lu) + 3 * lu * lu * fitting
        squares += lu * (lu - 1)
    denominator = m * length * (m * length - 1) - squares
    if denominator <= 0:
        return Alpha(d_o, NAN)
    d_e = 2 * numerator / (3 * length * denominator)
    return Alpha(d_o, d_e)


def unitized_alpha(
    length: int, coders: Sequence[Sequence[Interval]], boundaries: Sequence[int] = ()
) -> Alpha:
    """α_u of one category: `coders[i]` are the [start, end) units coder i tagged with it in [0, length).

    Returns the parts (D_o, D_e) so that categories can be pooled with `measures.pooled_alpha`.
    """
    if len(coders) < 2 or length <= 0:
        return Alpha(NAN, NAN)
    return combine([unitized_parts(length, coders, boundaries)])
