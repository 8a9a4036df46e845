"""The loaders fuzzed: whatever bytes land in the corpus folder, the reader either returns an article or
raises CorpusError saying what is wrong with which file; whatever text an article holds, extraction and
the mapping to quads finish without an exception.

Inputs: random Unicode across scripts, bidirectional and invisible marks, control characters, huge lines,
UTF-8 cut mid-character, raw bytes, real articles with such damage spliced in, and metadata records of
any JSON shape. Examples are bounded (and derandomized) so the run stays well under a minute."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isnad.build import article_to_quads
from isnad.graph.iris import Iris
from isnad.loaders.corpus import METADATA_FIELDS, Article, CorpusError, article_from_options, read_article
from isnad.loaders.gazetteer import load_gazetteer
from isnad.resources import bundled_corpus_dir
from isnad.settings import DEFAULT_BASE_IRI

SETTINGS = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
GAZETTEER = load_gazetteer()
IRIS = Iris(DEFAULT_BASE_IRI)
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(bundled_corpus_dir().glob("*.txt"))]

# Characters that break naive text handling: bidi controls and marks, zero-width joiners, BOM, tatweel,
# Arabic diacritics and digits, Persian letters, line and paragraph separators, C0/C1 controls, NUL.
TRICKY = (
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\ufeff"
    "\u0640\u064b\u064e\u0650\u0651\u0652\u0670\u0660\u0661\u0669\u06f1\u06cc\u06a9\u067e\u0686"
    "\u2028\u2029\x85\x0b\x0c\r\t\x1c\x1d\x1e\x1f\x7f\x9f\x00\x01\u00a0\u3000\ufffd"
)
ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى"
text_pieces = st.one_of(
    st.text(min_size=0, max_size=80),  # any Unicode (surrogates excluded: they cannot be written as UTF-8)
    st.text(alphabet=TRICKY + ARABIC + " .،؛؟0123456789", max_size=80),
    st.sampled_from(["الولايات المتحدة", "العراق", "كتائب حزب الله", "2500 جندي", "يوم الخميس", "في 5 يناير 2024",
                     "Hello", "עברית", "русский", "中文", "😀", "٢٠٢٤"]),
)
mixed_text = st.lists(text_pieces, max_size=12).map("".join)
huge_line = st.tuples(text_pieces, st.integers(2_000, 20_000)).map(
    lambda t: (t[0] or "ع") * (t[1] // max(1, len(t[0]))))


@st.composite
def damaged_article(draw) -> str:
    """A slice of a real article with tricky text spliced in at a few places."""
    text = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, len(text) - 1))
    text = text[start:start + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(text_pieces) + text[at:]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(huge_line) + text[at:]
    return text


def encoded(text_strategy):
    """Text as UTF-8 bytes, sometimes cut at an arbitrary byte (mid-character), sometimes with a BOM."""
    @st.composite
    def build(draw) -> bytes:
        raw = draw(text_strategy).encode("utf-8")
        if draw(st.booleans()):
            raw = raw[: draw(st.integers(0, len(raw)))]
        return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + raw
    return build()


file_contents = st.one_of(encoded(mixed_text), encoded(damaged_article()), encoded(huge_line), st.binary(max_size=300))


def check_rejection(error: CorpusError, *paths: Path) -> None:
    """The message starts with the file (or option) at fault and goes on to say what is wrong with it."""
    message = str(error)
    prefix = next((p for p in [*(f"{path}: " for path in paths), "--date: "] if message.startswith(p)), None)
    assert prefix is not None, message
    assert len(message) - len(prefix) > 15, message


def check_article(article: Article) -> None:
    assert isinstance(article.text, str) and article.text.strip()
    assert re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", article.published), article.published


@settings(SETTINGS, max_examples=100)
@given(content=file_contents,
       published=st.one_of(st.sampled_from(["2024-01-25", "2024-01", "2024"]), st.text(max_size=12)))
def test_reading_any_file_gives_an_article_or_says_what_is_wrong(tmp_path_factory, content, published):
    path = tmp_path_factory.mktemp("fuzz") / "article.txt"
    path.write_bytes(content)
    try:
        article = article_from_options(path, published, None, None)
    except CorpusError as error:
        check_rejection(error, path)
        return
    check_article(article)
    assert article.title and len(article.title) <= 200


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | mixed_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(mixed_text, inner, max_size=3), max_leaves=8,
)
GOOD_RECORD = {"title": "عنوان", "outlet": None, "language": "ar", "published": "2022-03-01",
               "published_basis": "a test", "source": "a test"}


@st.composite
def metadata_files(draw) -> bytes:
    """A good record with some fields replaced or dropped, any JSON document, or garbage bytes."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        record = dict(GOOD_RECORD)
        for name in draw(st.lists(st.sampled_from([*METADATA_FIELDS, "extra", "published_window"]), max_size=3)):
            if draw(st.booleans()):
                record.pop(name, None)
            else:
                odd_dates = st.sampled_from(["٢٠٢٢", "2022\n", "２０２２-01", "2022-1"])
                record[name] = draw(st.one_of(json_values, odd_dates))
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if choice == 1:
        return json.dumps(draw(json_values)).encode("utf-8")
    return draw(st.one_of(st.binary(max_size=200), encoded(mixed_text)))


@settings(SETTINGS, max_examples=100)
@given(text=file_contents, record=metadata_files())
def test_reading_any_corpus_pair_gives_an_article_or_names_the_file(tmp_path_factory, text, record):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.txt").write_bytes(text)
    (folder / "a.json").write_bytes(record)
    try:
        article = read_article(folder / "a.txt")
    except CorpusError as error:
        check_rejection(error, folder / "a.json", folder / "a.txt")
        return
    check_article(article)


@settings(SETTINGS, max_examples=40)
@given(text=st.one_of(damaged_article(), mixed_text.map(lambda t: "العراق " + t), huge_line.map(lambda t: "ع" + t)))
def test_extraction_takes_any_text(text):
    article = Article(id="fuzzed", text=text, title="عنوان", outlet=None, language="ar", published="2024-01",
                      published_basis="a test", source="a test")
    quads = list(article_to_quads(article, IRIS, GAZETTEER))
    assert quads  # the article itself is always there


def test_a_number_too_large_for_a_float_is_not_a_crash():
    article = Article(id="digits", text="تعرضت القواعد لـ" + "9" * 320 + " هجوما", title="عنوان", outlet=None,
                      language="ar", published="2024-01", published_basis="a test", source="a test")
    assert list(article_to_quads(article, IRIS, GAZETTEER))
