"""A literal prefilter for the extractors' regexes: most cue regexes cannot match in most sentences, and
finding that out with the regex costs a scan of the sentence with every alternative tried at every position.

For each regex, the literal strings one of which every match must contain are worked out from the regex
itself (its parse tree), so no list is kept by hand. One Aho-Corasick automaton holds the strings of every
regex; a text is scanned once, and a regex whose strings are all absent from it is not run on it (or on any
part of it: a span of the text holds no string the whole text lacks). The answers are the regex's own."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from itertools import product
from operator import itemgetter
from re import _constants as sre
from re import _parser as sre_parse

import ahocorasick

# Bounds on the strings worked out for one node of a regex: past them, the node's strings are unknown.
_MAX_STRINGS = 256
_MAX_CLASS = 32
# Strings shorter than this occur in nearly every sentence: a regex that may match through one is not gated.
_MIN_NEEDLE = 2

_Info = tuple[frozenset[str] | None, frozenset[str] | None]  # (every string the node matches, required strings)
_UNKNOWN: _Info = (None, None)
_EMPTY: _Info = (frozenset({""}), None)


def _exact(strings: frozenset[str]) -> _Info:
    return strings, (None if "" in strings else strings)


def _selectivity(required: frozenset[str]) -> tuple[int, int]:
    return min(map(len, required)), -len(required)


def _sequence(items) -> _Info:
    """A concatenation: its strings while they stay few; otherwise the best requirement among its parts,
    taking runs of parts whose strings are known together (longer, rarer strings)."""
    exact: frozenset[str] | None = frozenset({""})
    candidates: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})
    for op, av in items:
        strings, required = _node(op, av)
        if required is not None:
            candidates.append(required)
        if strings is None:
            exact = None
            if run is not None and "" not in run:
                candidates.append(run)
            run = frozenset({""})
            continue
        joined = frozenset(a + b for a, b in product(run, strings)) if len(run) * len(strings) <= _MAX_STRINGS \
            else None
        if joined is None:
            if "" not in run:
                candidates.append(run)
            joined = strings
        run = joined
        if exact is not None:
            exact = frozenset(a + b for a, b in product(exact, strings)) \
                if len(exact) * len(strings) <= _MAX_STRINGS else None
    if exact is not None:
        return _exact(exact)
    if "" not in run:
        candidates.append(run)
    return None, (max(candidates, key=_selectivity) if candidates else None)


def _node(op, av) -> _Info:
    if op is sre.LITERAL:
        return _exact(frozenset({chr(av)}))
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a category, a negated class, a wide range: any of many characters
                return _UNKNOWN
        return _exact(frozenset(chars)) if len(chars) <= _MAX_CLASS else _UNKNOWN
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero width: the match itself holds nothing of it
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return _UNKNOWN if add_flags & re.IGNORECASE else _sequence(inner.data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre.BRANCH:
        infos = [_sequence(branch.data) for branch in av[1]]
        strings = [s for s, _ in infos]
        if all(s is not None for s in strings):
            union = frozenset().union(*strings)
            if len(union) <= _MAX_STRINGS:
                return _exact(union)
        required = [r for _, r in infos]
        return None, (frozenset().union(*required) if all(r is not None for r in required) else None)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, inner = av
        strings, required = _sequence(inner.data)
        if high == 0:
            return _EMPTY
        if low == 0:
            return _exact(strings | {""}) if high == 1 and strings is not None else _UNKNOWN
        if low == high == 1:
            return strings, required
        return None, required  # at least one repetition holds what the inner part requires
    return _UNKNOWN  # any character, a back-reference, a conditional…


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains (the shortest needed: a string holding
    another one is left out), or None when nothing useful is known."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    _strings, required = _sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if not required:
        return None
    minimal = frozenset(s for s in required if not any(t != s and t in s for t in required))
    return minimal if min(map(len, minimal)) >= _MIN_NEEDLE else None


_NOT_WORD_CHAR = [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]
_WORD = re.compile(r"\w+")


def _is_word_boundary(item, direction: int) -> bool:
    r"""Whether a parsed item is (?<!\w) (direction -1) or (?!\w) (direction 1)."""
    op, av = item
    return op is sre.ASSERT_NOT and av[0] == direction and list(av[1].data) == _NOT_WORD_CHAR


def whole_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    r"""Every string the regex matches, when it matches whole words only: (?<!\w), then finitely many
    strings of word characters, then (?!\w). Such a regex matches a text exactly where one of them is a
    word of it (a maximal run of word characters), a sharper test than holding it somewhere."""
    if pattern.flags & (re.IGNORECASE | re.ASCII) or not isinstance(pattern.pattern, str):
        return None
    items = list(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if len(items) < 3 or not _is_word_boundary(items[0], -1) or not _is_word_boundary(items[-1], 1):
        return None
    strings, _required = _sequence(items[1:-1])
    if strings is None or not all(_WORD.fullmatch(s) for s in strings):
        return None
    return strings


class _Needles:
    """Every gated regex's strings in one automaton; which of them a text holds, remembered for the texts
    seen last (the extractors run dozens of regexes over one sentence)."""

    def __init__(self) -> None:
        self.strings: set[str] = set()
        self.automaton: ahocorasick.Automaton | None = None
        self.seen: dict[str, set[str]] = {}
        self.seen_words: dict[str, set[str]] = {}

    def add(self, strings: frozenset[str]) -> None:
        if not strings <= self.strings:
            self.strings |= strings
            self.automaton = None
            self.seen.clear()  # answers given without the new strings

    def present(self, text: str) -> set[str]:
        found = self.seen.get(text)
        if found is None:
            automaton = self.automaton
            if automaton is None:
                automaton = self.automaton = ahocorasick.Automaton()
                for s in self.strings:
                    automaton.add_word(s, s)
                automaton.make_automaton()
            if len(self.seen) > 512:
                self.seen.clear()
            found = self.seen[text] = set(map(itemgetter(1), automaton.iter(text)))
        return found

    def words(self, text: str) -> set[str]:
        found = self.seen_words.get(text)
        if found is None:
            if len(self.seen_words) > 512:
                self.seen_words.clear()
            found = self.seen_words[text] = set(_WORD.findall(text))
        return found


_NEEDLES = _Needles()
# Below this length, running the regex costs less than scanning and remembering the text.
_SHORT_TEXT = 48
_NO_MATCHES: tuple = ()


class Prefiltered:
    """A compiled regex that is only run on texts holding one of the strings its matches need; the same
    methods and answers as the regex (anything else goes straight to it)."""

    __slots__ = ("regex", "required", "words")

    def __init__(self, regex: re.Pattern[str], required: frozenset[str]) -> None:
        self.regex = regex
        self.required = required
        self.words = whole_words(regex)
        _NEEDLES.add(required)

    def _absent(self, text: str, endpos: int) -> bool:
        if len(text) < _SHORT_TEXT:
            return False
        if self.words is not None and endpos >= len(text):
            # (?<!\w) looks before `pos`, but (?!\w) not past `endpos`: a word cut there would be whole.
            return self.words.isdisjoint(_NEEDLES.words(text))
        return self.required.isdisjoint(_NEEDLES.present(text))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, endpos) else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, endpos) else self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, endpos) else self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(_NO_MATCHES) if self._absent(text, endpos) else self.regex.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return [] if self._absent(text, endpos) else self.regex.findall(text, pos, endpos)

    def __getattr__(self, name: str):
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r})"


def literals(*strings: str) -> frozenset[str]:
    """Strings to look for in texts with `strings_in` (they join the automaton)."""
    found = frozenset(strings)
    _NEEDLES.add(found)
    return found


def strings_in(text: str) -> set[str]:
    """Which strings of the automaton (regexes' and `literals`') the text holds; to test many at once."""
    return _NEEDLES.present(text)


def prefiltered(pattern: str | re.Pattern[str], flags: int = 0) -> Prefiltered | re.Pattern[str]:
    """`re.compile(pattern, flags)`, run only where the text holds a string its matches need (the regex
    itself when its matches need none: a punctuation mark, a single letter)."""
    regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
    required = required_strings(regex)
    return Prefiltered(regex, required) if required is not None else regex
