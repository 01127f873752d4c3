"""The values a figure allows: its bounds as worded ("at least 90"), and for a figure told
as one value, the values that round to it as written ("5m": 4.5 to 5.5 million), so that
rounding is never read as a dispute.
"""

from __future__ import annotations

import math
import re

from storyline.model import Quantity


def interval(q: Quantity) -> tuple[float, float]:
    """The values the figure allows: its bounds, and for a figure told as one value, the
    values that round to it as written ("4.9 million": 4.85 to 4.95 million; "5m": 4.5
    to 5.5 million; "12": 11.5 to 12.5), the rounding's edges left out."""
    low = q.low if q.low is not None else (-math.inf if q.high is not None else q.value)
    high = q.high if q.high is not None else (math.inf if q.low is not None else q.value)
    if low == high == q.value:
        half = _rounding(q)
        return q.value - half, q.value + half
    return low, high


_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounding(q: Quantity) -> float:
    """Just under half the place of the last digit the figure is written with, in its
    scale ("4.9 million": 0.05 million); 0 when its digits are not read (number words)."""
    m = _DIGITS.search(q.text)
    if m is None:
        return 0.0
    try:
        written = float(m.group(0).replace(",", ""))
    except ValueError:
        return 0.0
    if written <= 0 or q.value <= 0:
        return 0.0
    scale = q.value / written  # 1, or a thousand, a million ... ("4.9 million")
    power = round(math.log10(scale))
    if power < 0 or abs(math.log10(scale) - power) > 1e-6:
        return 0.0  # digits that do not make the value as written ("half of 12")
    decimals = len(m.group(1) or "")
    return _EDGE * 10.0 ** (power - decimals)


_EDGE = 0.5 * (1 - 1e-6)  # half a unit, less a hair: 12 and 13 never overlap


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both figures may hold at once, given their bounds."""
    lo1, hi1 = interval(a)
    lo2, hi2 = interval(b)
    tol = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return max(lo1, lo2) <= min(hi1, hi2) + tol
