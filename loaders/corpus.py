"""Reading a corpus folder: each article is NAME.txt (UTF-8 Arabic text) beside NAME.json (its metadata).

Every problem is reported as a CorpusError naming the file and, for metadata, the field, so that the
person who dropped the file in knows exactly what to fix."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

METADATA_FIELDS = ("title", "outlet", "language", "published", "published_basis", "source")
# Optional: when the text pins a publication known only to its month or year to a few days ("Friday" was
# reported in the past tense, a visit "begins Monday"), the days it can be, as an ISO 8601 interval.
# Relative dates ("Thursday") that come out the same on every day of the window are then resolved.
OPTIONAL_FIELDS = ("published_window",)
# A news article is tens of kilobytes; anything far larger is a wrong file, not an article.
MAX_ARTICLE_BYTES = 2_000_000
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
# ASCII digits only, matched whole: \d and $ would let "٢٠٢٤" or "2024\n" through into xsd literals.
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class CorpusError(ValueError):
    """An article or its metadata record cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str
    outlet: str | None
    language: str
    published: str  # ISO 8601 at its own precision: 2021-04-07, 2021-04 or 2021
    published_basis: str
    source: str
    published_window: str | None = None  # "2021-07-24/2021-07-25", inside `published`

    @property
    def published_precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.published)]

    @property
    def dates_reference(self) -> str:
        """What relative dates in the text are resolved against: the window when known, else `published`."""
        return self.published_window or self.published


def parse_iso_date(value: str) -> str:
    """Check an ISO date at day, month or year precision; return it unchanged or raise ValueError."""
    match = _ISO_DATE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not an ISO date that exists ({exc})") from None
    return value


def read_metadata(path: Path) -> dict:
    if not path.is_file():
        raise CorpusError(f"{path}: metadata record missing (expected beside the article, with fields "
                          f"{', '.join(METADATA_FIELDS)})")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(record, dict):
        raise CorpusError(f"{path}: the metadata record must be a JSON object")
    missing = [f for f in METADATA_FIELDS if f not in record]
    if missing:
        raise CorpusError(f"{path}: field '{missing[0]}' is missing (required: {', '.join(METADATA_FIELDS)})")
    extra = sorted(set(record) - set(METADATA_FIELDS) - set(OPTIONAL_FIELDS))
    if extra:
        raise CorpusError(f"{path}: field '{extra[0]}' is not part of the record "
                          f"(allowed: {', '.join(METADATA_FIELDS + OPTIONAL_FIELDS)})")
    for name in ("title", "published", "published_basis", "source"):
        if not isinstance(record[name], str) or not record[name].strip():
            raise CorpusError(f"{path}: field '{name}' must be a non-empty string")
    if record["outlet"] is not None and (not isinstance(record["outlet"], str) or not record["outlet"].strip()):
        raise CorpusError(
            f"{path}: field 'outlet' must be a non-empty string, or null when the text does not reveal it"
        )
    if record["language"] != "ar":
        raise CorpusError(f"{path}: field 'language' must be \"ar\" (Isnad reads Arabic articles), "
                          f"got {record['language']!r}")
    try:
        parse_iso_date(record["published"])
    except ValueError as exc:
        raise CorpusError(f"{path}: field 'published': {exc}") from None
    if record.get("published_window") is not None:
        try:
            parse_publication_window(record["published_window"], record["published"])
        except ValueError as exc:
            raise CorpusError(f"{path}: field 'published_window': {exc}") from None
    return record


def parse_publication_window(value: object, published: str) -> str:
    """Check a window "YYYY-MM-DD/YYYY-MM-DD" of days inside `published` (a month or a year)."""
    if not isinstance(value, str) or value.count("/") != 1:
        raise ValueError(f"{value!r} is not a window of days (YYYY-MM-DD/YYYY-MM-DD)")
    first, last = value.split("/")
    for end in (first, last):
        if len(parse_iso_date(end)) != 10:
            raise ValueError(f"{end!r} is not a day (YYYY-MM-DD); a window is made of days")
    if first > last:
        raise ValueError(f"{value!r} ends before it starts")
    if len(published) == 10 or not (first.startswith(published) and last.startswith(published)):
        raise ValueError(f"{value!r} must lie inside 'published' ({published!r}), which must then be a month "
                         "or a year: the window narrows it")
    return value


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
    if size > MAX_ARTICLE_BYTES:
        raise CorpusError(f"{path}: {size:,} bytes is too large for a news article "
                          f"(limit {MAX_ARTICLE_BYTES:,}); split it or check it is the right file")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise CorpusError(f"{path}: binary file (contains NUL bytes); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 (invalid byte at offset {exc.start}); "
                          f"re-save it as UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CorpusError(f"{path}: the article is empty")
    if not _ARABIC_LETTER.search(text):
        raise CorpusError(f"{path}: no Arabic text found; Isnad reads Arabic articles")
    return text


def read_article(text_path: Path, metadata_path: Path | None = None) -> Article:
    text_path = Path(text_path)
    record = read_metadata(metadata_path or text_path.with_suffix(".json"))
    return Article(id=text_path.stem, text=read_text(text_path), **record)


def article_from_options(text_path: Path, published: str, title: str | None, outlet: str | None) -> Article:
    """An article given on the command line: its metadata from options rather than a record file."""
    text = read_text(text_path)
    try:
        parse_iso_date(published)
    except ValueError as exc:
        raise CorpusError(f"--date: {exc}") from None
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    return Article(
        id=text_path.stem, text=text, title=title or first_line[:200], outlet=outlet, language="ar",
        published=published, published_basis="given on the command line when the article was ingested",
        source=f"ingested from {text_path.name}",
    )


def read_corpus(directory: Path) -> list[Article]:
    directory = Path(directory)
    if not directory.is_dir():
        raise CorpusError(f"{directory}: corpus folder not found")
    texts = sorted(directory.glob("*.txt"))
    orphans = sorted(p for p in directory.glob("*.json") if not p.with_suffix(".txt").exists())
    if orphans:
        raise CorpusError(f"{orphans[0]}: metadata record without an article ({orphans[0].with_suffix('.txt').name})")
    if not texts:
        raise CorpusError(f"{directory}: no articles (*.txt with a *.json metadata record beside each)")
    return [read_article(path) for path in texts]
