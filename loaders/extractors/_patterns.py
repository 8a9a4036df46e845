"""Regexes over normalized text: whole words after optional clitics, written in ordinary spelling.

Cue lists and patterns are written as a reader spells them (أ، ة، ى, diacritics); they are normalized here the
way the text they run on is, so an extractor never spells a cue twice."""

from __future__ import annotations

import re
from collections.abc import Iterable

from isnad.loaders.extractors._prefilter import Prefiltered, literals, prefiltered
from isnad.loaders.normalize import normalize_term

# Proclitics that may stand before a word: a conjunction, a preposition, the article.
CLITICS = r"(?:[وف]?(?:[بلك]|ل?ل)?(?:ال)?)"
# Only a conjunction: for verbs, where a preposition would turn a verb into a noun (ل + بحث).
CONJUNCTION = r"[وف]?"
WORD_START = r"(?<![\w])"
WORD_END = r"(?![\w])"


def normalized_re(pattern: str) -> re.Pattern[str] | Prefiltered:
    """A regex written in ordinary spelling, normalized like the text it runs on (prefiltered: see there)."""
    return prefiltered(normalize_term(pattern))


def word_pattern(words: Iterable[str], prefix: str = CLITICS, suffix: str = "",
                 flexible_spaces: bool = True) -> re.Pattern[str] | Prefiltered:
    """Any of `words` as whole words over normalized text, after `prefix` and before `suffix`. Longer words
    are tried first; with `flexible_spaces` a space in a word matches any run of white space."""
    alternatives = sorted({normalize_term(w) for w in words}, key=len, reverse=True)
    escaped = (re.escape(w) for w in alternatives)
    body = "|".join(e.replace(r"\ ", r"\s+") for e in escaped) if flexible_spaces else "|".join(escaped)
    return prefiltered(rf"{WORD_START}{prefix}(?:{body}){suffix}{WORD_END}")


def needles(words: Iterable[str]) -> frozenset[str]:
    """Substrings one of which a text must contain for `word_pattern(words)` to match there: a cheap test
    (against `_prefilter.strings_in(text)`) that lets an extractor skip the regex (and the sentence) at
    once. A word with spaces needs its longest part; a word holding another word's needle needs nothing
    more than that needle."""
    parts = {max(normalize_term(w).split(), key=len) for w in words if w.strip()}
    return literals(*(p for p in parts if not any(q != p and q in p for q in parts)))

