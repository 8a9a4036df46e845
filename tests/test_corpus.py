"""The corpus reader: the bundled articles read cleanly; every bad record is named by file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isnad.loaders.corpus import METADATA_FIELDS, OPTIONAL_FIELDS, CorpusError, read_article, read_corpus
from isnad.resources import bundled_corpus_dir

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def test_bundled_corpus_holds_the_five_seeds_unchanged():
    articles = read_corpus(bundled_corpus_dir())
    assert [a.id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for article in articles:
        assert article.text == (SEEDS / f"{article.id}.txt").read_text(encoding="utf-8")
        assert article.language == "ar"


def test_metadata_records_have_the_required_fields_and_only_known_optional_ones():
    for path in sorted(bundled_corpus_dir().glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert set(METADATA_FIELDS) <= set(record) <= set(METADATA_FIELDS) | set(OPTIONAL_FIELDS), path.name


@pytest.mark.parametrize(
    ("published", "window", "words"),
    [
        ("2021-07", "2021-07-24", "window of days"),
        ("2021-07", "2021-07-24/2021-07", "is not a day"),
        ("2021-07", "2021-07-25/2021-07-24", "ends before it starts"),
        ("2021-07", "2021-06-30/2021-07-02", "inside 'published'"),
        ("2021-07-24", "2021-07-24/2021-07-24", "inside 'published'"),
        ("2021-07", "2021-07-24/2021-07-32", "not an ISO date that exists"),
    ],
)
def test_a_bad_publication_window_is_named(tmp_path, published, window, words):
    write_article(tmp_path, "a", {**GOOD, "published": published, "published_window": window})
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path)
    assert "published_window" in str(info.value) and words in str(info.value)


def test_a_publication_window_is_what_relative_dates_are_read_against(tmp_path):
    write_article(tmp_path, "a", {**GOOD, "published": "2021", "published_window": "2021-03-06/2021-03-07"})
    (article,) = read_corpus(tmp_path)
    assert (article.published, article.published_precision) == ("2021", "year")
    assert article.dates_reference == "2021-03-06/2021-03-07"


def write_article(folder: Path, name: str, record: dict | str, text: str | bytes = "نص عربي عن العراق.") -> Path:
    text_path = folder / f"{name}.txt"
    if isinstance(text, bytes):
        text_path.write_bytes(text)
    else:
        text_path.write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(
        record if isinstance(record, str) else json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return text_path


GOOD = {
    "title": "عنوان", "outlet": None, "language": "ar", "published": "2022-03-01",
    "published_basis": "stated in the dateline", "source": "written for a test",
}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"published": None}, "published", "non-empty string"),
        ({"published": "2021-02-30"}, "published", "not an ISO date"),
        ({"published": "7/4/2021"}, "published", "not an ISO date"),
        ({"published": "٢٠٢١-٠٤"}, "published", "not an ISO date"),  # Arabic-Indic digits: not an xsd date
        ({"published": "2021\n"}, "published", "not an ISO date"),
        ({"language": "en"}, "language", "must be \"ar\""),
        ({"title": ""}, "title", "non-empty string"),
        ({"outlet": 5}, "outlet", "null when the text"),
        ({"author": "x"}, "author", "not part of the record"),
    ],
)
def test_a_bad_field_is_named(tmp_path, change, field, words):
    record = {**GOOD, **change}
    write_article(tmp_path, "a1", record)
    with pytest.raises(CorpusError) as raised:
        read_corpus(tmp_path)
    message = str(raised.value)
    assert "a1.json" in message and f"'{field}'" in message and words in message


def test_a_missing_field_is_named(tmp_path):
    record = dict(GOOD)
    del record["published_basis"]
    write_article(tmp_path, "a1", record)
    with pytest.raises(CorpusError, match=r"a1\.json: field 'published_basis' is missing"):
        read_corpus(tmp_path)


def test_malformed_json_names_line_and_column(tmp_path):
    write_article(tmp_path, "a1", '{"title": "x",\n "outlet": }')
    with pytest.raises(CorpusError, match=r"a1\.json: not valid JSON \(line 2, column"):
        read_corpus(tmp_path)


def test_missing_record_and_orphan_record(tmp_path):
    (tmp_path / "lonely.txt").write_text("نص", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"lonely\.json: metadata record missing"):
        read_corpus(tmp_path)
    (tmp_path / "lonely.txt").unlink()
    (tmp_path / "orphan.json").write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"orphan\.json: metadata record without an article"):
        read_corpus(tmp_path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("   \n", "empty"),
        ("An English text only.", "no Arabic text"),
        ("نص عن العراق".encode("cp1256"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    ],
)
def test_bad_text_is_refused_with_the_reason(tmp_path, text, words):
    path = write_article(tmp_path, "a1", GOOD, text)
    with pytest.raises(CorpusError) as raised:
        read_article(path)
    assert "a1.txt" in str(raised.value) and words in str(raised.value)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no articles"):
        read_corpus(tmp_path)
