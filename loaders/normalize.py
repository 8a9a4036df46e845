"""Arabic text normalization for matching, with a map from normalized offsets back to the original.

The normalization is strictly per code point (context free): each original character becomes zero,
one or several normalized characters. That makes the offset map exact and lets
``normalize_term(original[s:e]) == normalize(original).text[start:end]`` hold for any span whose ends do
not fall inside an expansion (e.g. the lam-alef ligature, which becomes two letters).

What is folded, and why (both sides of every match, text and dictionary, go through the same table):

- Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) → their NFKC letters (ﻻ → لا); the isolated
  forms of harakat that NFKC turns into "space + mark" are deleted, not turned into spaces.
- alef forms أ إ آ ٱ ٲ ٳ → ا. ء is kept.
- ؤ and ئ → ء (not و/ي): news writes both مسؤول and مسئول, شؤون and شئون; folding both seats to the
  bare hamza makes these spellings meet, which و/ي would not.
- ى → ي, Persian ی → ي, Persian ک → ك; ة → ه, ۀ → ه (الأمريكية / الامريكيه).
- tatweel and diacritics (tashkeel, shadda, sukun, superscript alef, combining hamza, Quranic marks)
  deleted.
- Arabic-Indic ٠-٩ and Persian ۰-۹ digits → 0-9; ٫ (Arabic decimal separator) → '.', ٬ → ','.
- quotes “ ” « » „ ‟ ″ → '"' and ‘ ’ ‚ ‛ ′ → "'"; dashes ‐ ‑ ‒ – — ― − → '-'. Arabic comma,
  semicolon and question mark are kept as they are.
- zero-width and bidi controls (ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, U+202A–202E, U+2066–2069, word joiner,
  soft hyphen, BOM) deleted; NBSP and the other Unicode spaces → ' '; U+2028/2029 → '\\n'.

No case folding and no whitespace collapsing: they would break the one-to-one shape that makes the
fast path possible and nothing downstream needs them.

Speed (measured on the seeds, 23k characters: ~0.6 ms, ~40 M characters/s; ~0.2 ms when nothing is
deleted): the frequent 1:1 characters are replaced with ``str.replace`` (a C scan each, much faster than
``str.translate``'s per-character dict lookups on non-ASCII text) and the rare ones with one regex pass
whose callback records the deletions and expansions. The offset map is then a ``range`` when nothing was
deleted or expanded, and otherwise a piecewise-linear ``Sequence`` built from those positions only;
there is no per-character loop in Python.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["NormalizedText", "normalize", "normalize_term", "TRANSLATION"]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}

    def delete(*codepoints: int) -> None:
        for cp in codepoints:
            table[cp] = ""

    # Letters.
    for ch in "أإآٱٲٳ":
        table[ord(ch)] = "ا"
    table[ord("ؤ")] = "ء"
    table[ord("ئ")] = "ء"
    table[ord("ى")] = "ي"
    table[0x06CC] = "ي"  # Persian yeh
    table[0x06A9] = "ك"  # Persian keheh
    table[ord("ة")] = "ه"
    table[0x06C0] = "ه"  # heh with yeh above (Persian ezafe form of ة)

    # Tatweel and diacritics.
    delete(0x0640)
    delete(*range(0x064B, 0x0660))  # tanween, harakat, shadda, sukun, maddah/hamza above & below, ...
    delete(0x0670)  # superscript (dagger) alef
    delete(*range(0x0610, 0x061B))  # Quranic honorific marks
    delete(*range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE))

    # Digits and number punctuation.
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    table[0x066B] = "."  # Arabic decimal separator
    table[0x066C] = ","  # Arabic thousands separator

    # Quotes and dashes.
    for ch in "“”«»„‟″〝〞":
        table[ord(ch)] = '"'
    for ch in "‘’‚‛′":
        table[ord(ch)] = "'"
    for ch in "‐‑‒–—―−":
        table[ord(ch)] = "-"

    # Invisible controls.
    delete(0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x2060, 0x00AD, 0xFEFF)
    delete(*range(0x202A, 0x202F), *range(0x2066, 0x206A))

    # Spaces.
    for cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[cp] = " "
    table[0x2028] = "\n"
    table[0x2029] = "\n"

    # Presentation forms: NFKC, then the table above on the result.
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        if cp == 0xFEFF:
            continue
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf == ch:
            continue
        mapped = "".join(table.get(ord(c), c) for c in nf)
        # Isolated harakat forms are "space + mark" under NFKC: they must vanish, not become spaces.
        table[cp] = mapped.strip(" ")
    return table


TRANSLATION: dict[int, str] = _build_table()

# The fast path. Characters frequent in news that map 1:1 are replaced with str.replace (a C scan per
# character kind, much faster than str.translate's per-character dict lookups on non-ASCII text); every
# other mapped character is rare and goes through one regex pass whose callback also records where the
# deletions and expansions are, which is all the offset map needs.
_COMMON = tuple(ch for ch in "أإآةىؤئ“”«»‘’–—\u00a0٠١٢٣٤٥٦٧٨٩" if len(TRANSLATION[ord(ch)]) == 1)
_COMMON_PAIRS = tuple((ch, TRANSLATION[ord(ch)]) for ch in _COMMON)
_RARE = {chr(cp): rep for cp, rep in TRANSLATION.items() if chr(cp) not in _COMMON}


def _char_class(chars: set[str]) -> str:
    cps = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(re.escape(chr(cps[i])) + (("-" + re.escape(chr(cps[j]))) if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


_RARE_RE = re.compile(_char_class(set(_RARE)))


class _OffsetMap(Sequence[int]):
    """origin[] stored as a few linear pieces instead of one int per character.

    Between two deleted or expanded characters, normalized and original offsets advance together; inside
    an expansion every normalized character points at the same original one. So origin[i] is
    ``base + (i - start) * step`` for the piece containing i (step 1 for ordinary runs, 0 for expansions),
    found by bisection. Building costs one entry per irregular character, not one per character.
    """

    __slots__ = ("_starts", "_bases", "_steps", "_len")

    def __init__(self, irregular: list[tuple[int, int]], norm_len: int, orig_len: int) -> None:
        starts, bases, steps = [0], [0], [1]
        npos = 0  # normalized offset reached so far
        oprev = 0  # original offset reached so far
        for pos, k in irregular:
            npos += pos - oprev
            if k:
                self._push(starts, bases, steps, npos, pos, 0)
                npos += k
            self._push(starts, bases, steps, npos, pos + 1, 1)
            oprev = pos + 1
        if npos + (orig_len - oprev) != norm_len:  # the bookkeeping must account for every character
            raise AssertionError("offset map does not cover the normalized text")
        self._starts, self._bases, self._steps = starts, bases, steps
        self._len = norm_len + 1

    @staticmethod
    def _push(
        starts: list[int], bases: list[int], steps: list[int], start: int, base: int, step: int
    ) -> None:
        if starts[-1] == start:  # the previous piece is empty (e.g. consecutive deletions): replace it
            bases[-1], steps[-1] = base, step
        else:
            starts.append(start)
            bases.append(base)
            steps.append(step)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset map index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._bases[k] + (i - self._starts[k]) * self._steps[k]

    def __iter__(self) -> Iterator[int]:
        return iter(self.to_list())

    def at_sorted(self, positions: list[int]) -> list[int]:
        """self[i] for each of a non-decreasing list of offsets, in one walk along the pieces: cheaper than
        a bisection per offset, or than to_list when only a few hundred offsets are wanted."""
        if positions and not 0 <= positions[0] <= positions[-1] < self._len:
            raise IndexError("offset map index out of range")
        starts, bases, steps = self._starts, self._bases, self._steps
        last = len(starts) - 1
        k = 0
        out = []
        for i in positions:
            while k < last and starts[k + 1] <= i:
                k += 1
            out.append(bases[k] + (i - starts[k]) * steps[k])
        return out

    def to_list(self) -> list[int]:
        """Every offset, built piece by piece (one extend per linear piece, not one call per character)."""
        out: list[int] = []
        ends = [*self._starts[1:], self._len]
        for start, end, base, step in zip(self._starts, ends, self._bases, self._steps, strict=True):
            out.extend(range(base, base + end - start) if step else [base] * (end - start))
        return out

    def __repr__(self) -> str:
        return f"_OffsetMap({list(self)!r})"


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus, for each normalized character, the offset of the original one it came from."""

    original: str
    text: str
    # len(text) + 1 entries; origin[len(text)] == len(original). A range when nothing was deleted or expanded.
    origin: Sequence[int]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span [start, end) to the original span [s, e) (end exclusive).

        The result covers whole original characters: removed characters inside the span (diacritics,
        tatweel, bidi marks) are included, removed characters after its last character are not. A span
        ending inside an expansion covers the whole expanded original character.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span [{start}, {end}) out of bounds for normalized text of length {n}")
        s = self.origin[start]
        if end == start:
            return s, s
        return s, self.origin[end - 1] + 1

    def with_offset_list(self) -> NormalizedText:
        """The same text with its offset map as a plain list: more memory, but each lookup is an index
        instead of a bisection, for callers that look offsets up thousands of times per text."""
        if isinstance(self.origin, list | range):
            return self
        return NormalizedText(self.original, self.text, self.origin.to_list())  # type: ignore[attr-defined]

    def offsets_to_original(self, positions: list[int]) -> list[int]:
        """offset_to_original for each of a non-decreasing list of normalized offsets (one pass)."""
        origin = self.origin
        if isinstance(origin, _OffsetMap):
            return origin.at_sorted(positions)
        return [origin[i] for i in positions]

    def offset_to_original(self, i: int) -> int:
        """Original offset of normalized position i (i == len(text) gives len(original))."""
        return self.origin[i]


def normalize_term(s: str) -> str:
    """Normalize a string for use as a dictionary key; equals ``normalize(s).text``."""
    return s.translate(TRANSLATION)


def normalize(text: str) -> NormalizedText:
    """Normalize ``text`` for matching and keep the offset map back to it."""
    irregular: list[tuple[int, int]] = []  # (original offset, length of its replacement) where != 1
    out = text
    if _RARE_RE.search(text) is not None:

        def replace(m: re.Match[str]) -> str:
            rep = _RARE[m.group()]
            if len(rep) != 1:
                irregular.append((m.start(), len(rep)))
            return rep

        out = _RARE_RE.sub(replace, text)
    for ch, rep in _COMMON_PAIRS:
        if ch in out:
            out = out.replace(ch, rep)
    if not irregular:
        return NormalizedText(text, out, range(len(text) + 1))
    return NormalizedText(text, out, _OffsetMap(irregular, len(out), len(text)))
