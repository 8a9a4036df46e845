"""Sentence splitting over the original text."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.loaders.normalize import normalize
from isnad.loaders.sentences import Sentence, split_sentences

CORPUS = sorted(glob.glob(str(Path(__file__).resolve().parents[1] / "corpus" / "*.txt")))


def texts(s: str) -> list[str]:
    return [x.text for x in split_sentences(s)]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: Path(p).stem)
def test_seed_sentences_are_exact_slices(path: str) -> None:
    original = Path(path).read_text(encoding="utf-8")
    sentences = split_sentences(original)
    assert len(sentences) > 5
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert original[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
        assert s.start >= previous_end  # in order, no overlap
        previous_end = s.end
        assert "\n" not in s.text  # a line break always ends a sentence


def test_seed_headline_is_its_own_sentence() -> None:
    path = next(p for p in CORPUS if Path(p).stem.startswith("004"))
    original = Path(path).read_text(encoding="utf-8")
    first = split_sentences(original)[0]
    assert first.text == (
        "الولايات المتحدة والعراق يتفقان على بدء محادثات لإنهاء وجود التحالف الذي تقوده الولايات المتحدة"
    )


def test_basic_terminators() -> None:
    assert texts("قال الوزير إن القوات ستنسحب. وأضاف أن الحوار مستمر! هل ينجح؟ ربما…ننتظر") == [
        "قال الوزير إن القوات ستنسحب.",
        "وأضاف أن الحوار مستمر!",
        "هل ينجح؟",
        "ربما…",
        "ننتظر",
    ]


def test_arabic_semicolon_does_not_split() -> None:
    assert texts("قال المتحدث إن الهجوم فشل؛ ولم يسفر عن إصابات.") == ["قال المتحدث إن الهجوم فشل؛ ولم يسفر عن إصابات."]


def test_no_split_inside_quotations() -> None:
    for q1, q2 in (("“", "”"), ("«", "»"), ('"', '"')):
        s = f"وقال الكاظمي {q1}لن نقبل بذلك. العراق دولة ذات سيادة{q2} في مؤتمر صحفي. ثم غادر."
        assert texts(s) == [f"وقال الكاظمي {q1}لن نقبل بذلك. العراق دولة ذات سيادة{q2} في مؤتمر صحفي.", "ثم غادر."]


def test_unpaired_quote_does_not_swallow_the_line() -> None:
    assert texts("وقال البيان “إن القوات باقية. وأضاف أن الحوار مستمر.") == [
        "وقال البيان “إن القوات باقية.",
        "وأضاف أن الحوار مستمر.",
    ]


def test_decimals_initials_and_list_numbers() -> None:
    assert texts("بلغت المساعدات 2.5 مليار دولار. وقال د. محمد علي إن ذلك كاف.") == [
        "بلغت المساعدات 2.5 مليار دولار.",
        "وقال د. محمد علي إن ذلك كاف.",
    ]
    assert texts("قال J. Smith إن الموقع www.state.gov محدث. انتهى") == [
        "قال J. Smith إن الموقع www.state.gov محدث.",
        "انتهى",
    ]
    assert texts("1. انسحاب القوات\n2. تدريب الجيش") == ["1. انسحاب القوات", "2. تدريب الجيش"]


def test_missing_space_after_period_still_splits_before_arabic() -> None:
    assert texts("انتهت الجولة.وقال الوزير إنها ناجحة.") == ["انتهت الجولة.", "وقال الوزير إنها ناجحة."]


def test_lines_and_whitespace() -> None:
    s = "  عنوان الخبر\n\n\u200fالمتن الأول.  \r\n|\n  المتن الثاني  "
    out = split_sentences(s)
    assert [x.text for x in out] == ["عنوان الخبر", "المتن الأول.", "المتن الثاني"]
    for x in out:
        assert s[x.start : x.end] == x.text


def test_trailing_diacritics_stay_in_the_sentence() -> None:
    s = "وصل الوفد قريباً\nثم غادرَ"
    assert texts(s) == ["وصل الوفد قريباً", "ثم غادرَ"]


def test_precomputed_normalization_gives_the_same_result() -> None:
    s = "«قال» الوزير. ثم ﻻ شيء."
    assert split_sentences(s, normalize(s)) == split_sentences(s)
    assert isinstance(split_sentences(s)[0], Sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابت جد.!؟?…\n\"“”«»ًّـ\u200f 12,")), max_size=120))
def test_sentences_are_slices_for_any_text(s: str) -> None:
    end = 0
    for x in split_sentences(s):
        assert s[x.start : x.end] == x.text
        assert x.text == x.text.strip()
        assert x.start >= end
        end = x.end
