"""Normalization for matching and its offset map back to the original text."""

from __future__ import annotations

import glob
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.loaders.normalize import TRANSLATION, NormalizedText, normalize, normalize_term

CORPUS = sorted(glob.glob(str(Path(__file__).resolve().parents[1] / "corpus" / "*.txt")))

# Characters the normalizer treats specially, so random text hits them often.
SPECIAL = list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱؤئىةـًٌٍَُِّْٰٕٓٔ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
    "“”«»„‟″‘’–—‒―،؛؟ ﻻﻷﷲﷺﺍﺑﻪﹰﹱ\ufe7c\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u00a0\u2009\u202f\u2028\n\t .,:!?\"'0123456789abcXYZ"
)
texts = st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=80)


def reference(original: str) -> tuple[str, list[int]]:
    """Char-by-char normalization: the obviously-correct (slow) version of normalize()."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        rep = TRANSLATION.get(ord(ch), ch)
        out.append(rep)
        origin.extend([i] * len(rep))
    origin.append(len(original))
    return "".join(out), origin


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_matches_the_char_by_char_reference(original: str) -> None:
    n = normalize(original)
    text, origin = reference(original)
    assert n.original == original
    assert n.text == text == normalize_term(original)
    assert list(n.origin) == origin
    assert len(n.origin) == len(n.text) + 1
    assert n.origin[len(n.text)] == len(original)
    assert all(a <= b for a, b in zip(origin, origin[1:], strict=False))
    assert all(0 <= o < len(original) for o in origin[:-1])


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_mapped_spans_normalize_to_the_same_text(original: str, data: st.DataObject) -> None:
    n = normalize(original)
    size = len(n.text)
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, size))
    s, e = n.span_to_original(start, end)
    assert 0 <= s <= e <= len(original)
    if start == end:
        assert s == e
        return
    # An end inside an expansion (one original character giving several) cannot be exact.
    inside = (start > 0 and n.origin[start - 1] == n.origin[start]) or (
        end < size and n.origin[end] == n.origin[end - 1]
    )
    if not inside:
        assert normalize_term(original[s:e]) == n.text[start:end]
    # The span starts and ends on characters that survive normalization (no leading/trailing removed ones).
    assert normalize_term(original[s]) != ""
    assert normalize_term(original[e - 1]) != ""


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_offsets_mapped_in_one_pass_equal_single_look_ups(original: str, data: st.DataObject) -> None:
    n = normalize(original)
    positions = sorted(data.draw(st.lists(st.integers(0, len(n.text)), max_size=20)))
    assert n.offsets_to_original(positions) == [n.offset_to_original(i) for i in positions]


def test_offsets_mapped_in_one_pass_are_bounds_checked() -> None:
    n = normalize("قالَ")  # a deleted haraka: the piecewise offset map
    assert n.offsets_to_original([0, 2, 3]) == [0, 2, 4]
    for bad in ([0, 4], [-1, 0]):
        try:
            n.offsets_to_original(bad)
        except IndexError:
            continue
        raise AssertionError(f"out-of-range offsets {bad} accepted")


@given(texts)
def test_normalization_is_idempotent(original: str) -> None:
    once = normalize_term(original)
    assert normalize_term(once) == once


def test_letters_are_folded_for_matching() -> None:
    assert normalize_term("الأمريكية") == normalize_term("الامريكيه") == "الامريكيه"
    assert normalize_term("إيران") == "ايران"
    assert normalize_term("آذار") == "اذار"
    assert normalize_term("ٱلله") == "الله"
    assert normalize_term("مصطفى") == "مصطفي"
    assert normalize_term("إلى") == "الي"
    # Hamza seats fold to the bare hamza so both spellings meet; ء itself is kept.
    assert normalize_term("مسؤول") == normalize_term("مسئول") == "مسءول"
    assert normalize_term("شؤون") == normalize_term("شئون")
    assert normalize_term("رئيس") == "رءيس"
    assert normalize_term("أعضاء") == "اعضاء"


def test_diacritics_tatweel_and_presentation_forms() -> None:
    assert normalize_term("المتّحدة") == "المتحده"
    assert normalize_term("قريباً") == "قريبا"
    assert normalize_term("العراقـــية") == "العراقيه"
    assert normalize_term("هٰذا") == "هذا"
    assert normalize_term("ﻻ") == "لا"
    assert normalize_term("ﻷن") == "لان"
    assert normalize_term("\ufe70") == ""  # isolated fathatan form: gone, not a space


def test_digits_quotes_dashes_spaces_and_controls() -> None:
    assert normalize_term("٥٠٠٠ و۲۰۲۱") == "5000 و2021"
    assert normalize_term("٢٫٥") == "2.5"
    assert normalize_term("“نص” «آخر» „ثالث‟") == '"نص" "اخر" "ثالث"'
    assert normalize_term("2023 – 2024 — أ") == "2023 - 2024 - ا"
    assert normalize_term("أ\u00a0ب\u2009ج") == "ا ب ج"
    assert normalize_term("\u200fالعراق\u200e\u202bبغداد\u202c\ufeff") == "العراقبغداد"
    assert normalize_term("ماذا؟ نعم، لا؛") == "ماذا؟ نعم، لا؛"


def test_span_to_original_covers_diacritics_inside_but_not_after() -> None:
    original = "\u200fقالَ الأميركيّونَ"
    n = normalize(original)
    assert n.text == "قال الاميركيون"
    start = n.text.index("الاميركيون")
    s, e = n.span_to_original(start, start + len("الاميركيون"))
    assert original[s:e] == "الأميركيّون"  # shadda inside kept, final fatha after the span left out
    s, e = n.span_to_original(0, 3)
    assert original[s:e] == "قال"  # the leading RLM is not part of the word


def test_span_inside_a_ligature_covers_the_whole_ligature() -> None:
    n = normalize("ﻻ بد")
    assert n.text == "لا بد"
    assert n.span_to_original(0, 1) == (0, 1)
    assert n.span_to_original(1, 2) == (0, 1)
    assert n.span_to_original(0, 2) == (0, 1)
    assert n.span_to_original(3, 5) == (2, 4)


def test_fast_path_when_nothing_is_deleted() -> None:
    n = normalize("قالت الحكومة العراقية إن 5000 جندي")
    assert isinstance(n.origin, range)
    assert n.text == "قالت الحكومه العراقيه ان 5000 جندي"


def test_span_bounds_are_checked() -> None:
    n = normalize("abc")
    try:
        n.span_to_original(2, 5)
    except ValueError:
        pass
    else:
        raise AssertionError("out-of-bounds span accepted")
    assert isinstance(n, NormalizedText)


def test_seed_articles_round_trip() -> None:
    assert CORPUS, "no seed articles found"
    for path in CORPUS:
        original = Path(path).read_text(encoding="utf-8")
        n = normalize(original)
        text, origin = reference(original)
        assert n.text == text
        assert list(n.origin) == origin
