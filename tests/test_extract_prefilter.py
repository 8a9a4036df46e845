"""The extractors' regex prefilter (loaders/extractors/_prefilter.py) must never change an answer: a gated
regex gives exactly what the regex gives, on any text, from any pos to any endpos."""

from __future__ import annotations

import importlib
import pkgutil
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import isnad.loaders.extractors as extractors_package
from isnad.loaders.extractors._prefilter import Prefiltered, prefiltered, required_strings, whole_words


def _gated_regexes() -> list[Prefiltered]:
    found: dict[int, Prefiltered] = {}
    seen: set[int] = set()

    def visit(value: object) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, Prefiltered):
            found[id(value)] = value
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)

    for module in pkgutil.iter_modules(extractors_package.__path__):
        loaded = importlib.import_module(f"{extractors_package.__name__}.{module.name}")
        for name, value in vars(loaded).items():
            if not name.startswith("__"):
                visit(value)
    return list(found.values())


GATED = _gated_regexes()


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_the_extractors_regexes_are_gated():
    assert len(GATED) > 100
    assert sum(g.words is not None for g in GATED) > 20  # whole-word regexes get the sharper test


def test_required_strings_come_from_the_regex():
    assert required_strings(re.compile(r"(?<!\w)[وف]?(?:بحث|ناقش)(?!\w)")) == {"بحث", "ناقش"}
    assert required_strings(re.compile(r"(?:اتفاق|اتفق)\w*")) == {"اتفق", "اتفاق"}
    assert required_strings(re.compile(r"[،,]|\s+")) is None  # a single character: not worth a test
    assert whole_words(re.compile(r"(?<!\w)[وف]?(?:قال)(?!\w)")) == {"قال", "وقال", "فقال"}
    assert whole_words(re.compile(r"(?<!\w)قال\w*(?!\w)")) is None
    assert isinstance(prefiltered(r"[،,]"), re.Pattern)


# Texts built from the regex's own words, cut and glued, so that matches, near misses (a word with a
# letter more) and words cut by pos/endpos all occur.
_GLUE = [" ", " ", "،", ".", "ال", "و", "ة", "ها", "\"", "1"]


@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_a_gated_regex_answers_as_the_regex(data):
    gated = data.draw(st.sampled_from(GATED))
    pieces = sorted(gated.words or gated.required) + _GLUE
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), min_size=12, max_size=40)))
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.one_of(st.just(len(text) + 5), st.integers(pos, len(text))))
    regex = gated.regex
    assert _spans(gated.finditer(text)) == _spans(regex.finditer(text))
    assert _spans(gated.finditer(text, pos, endpos)) == _spans(regex.finditer(text, pos, endpos))
    for method in ("search", "match", "fullmatch"):
        ours, theirs = getattr(gated, method)(text, pos, endpos), getattr(regex, method)(text, pos, endpos)
        assert (ours and ours.span()) == (theirs and theirs.span()), method
    assert gated.findall(text, pos, endpos) == regex.findall(text, pos, endpos)


def test_a_word_cut_by_endpos_still_counts():
    """(?!\\w) does not look past endpos: "عقدة" searched up to its last letter holds the word "عقد"."""
    filler = "كلام " * 12
    for gated in (g for g in GATED if g.words is not None):
        word = min(gated.words, key=len)
        text = filler + word + "ة " + filler
        end = len(filler) + len(word)
        expected = gated.regex.search(text, 0, end)
        assert expected is not None, gated
        assert gated.search(text, 0, end).span() == expected.span()
        assert gated.search(text) is None or gated.regex.search(text) is not None
