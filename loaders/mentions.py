"""Finding the gazetteer's entities in Arabic text, with offsets into the original article.

``find_mentions`` matches the gazetteer; ``find_entities`` adds what the gazetteer does not know: people
introduced by a title (isnad.loaders.titles), organizations introduced by a head noun or a quoted name,
and the later short references to both (a bare surname, a repeated name).

How matching works (all on normalized text, loaders.normalize; offsets mapped back at the end):

- One Aho-Corasick automaton (pyahocorasick) holds every surface form, plus, for forms starting with
  ال, the form with the alef dropped, which is how ل + ال is written (للحشد = ل + الحشد).
- A hit counts only at word boundaries: after it comes a non-letter; before it, within the same word,
  only a clitic prefix: و ف, then ب ل ك (ل only before forms without ال, since ل + ال is the dropped-alef
  form). So بالعراق, وللحشد, فبإيران, كالولايات match; الحرير does not match حرير, and إيران inside
  إيرانية does not match (the nisba does).
- Overlaps: the longest hit wins (a name beats a nisba of the same length), so القوات الأمريكية is
  us-forces, not united-states; a span is never reported twice.
- Anchored short forms (surnames, بدر, الحشد) are kept only when the same text names that entity in full;
  if several entities share the form, the one whose full mention is nearest before (else after) wins.
  They are also dropped when a nisba follows (البرلمان الإيراني is not Iraq's parliament).
- Anaphoric head nouns (التحالف, التنظيم, الحركة …) resolve to the latest mentioned entity one of whose
  names begins with that noun, else to the anaphor's default; not when a definite modifier follows that
  makes them another name (التحالف الوطني).
- A capital (a City with capital_of) stands for its state (بين واشنطن وبغداد, المدعومة من طهران) unless
  the text uses it as a place: a ب clitic, ل after a visit, or a place word right before (في, إلى, جنوب,
  العاصمة, زار …); see the gazetteer header and tests/gold/NOTES.md.
- A name built from a head and a nisba (القوات الأمريكية → us-forces) carries ``implies`` = the state.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import ahocorasick

from isnad.loaders.gazetteer import Gazetteer, SurfaceForm
from isnad.loaders.normalize import NormalizedText, normalize, normalize_term
from isnad.loaders.titles import (
    NAME_WORDS,
    NewOrganization,
    NewPerson,
    find_titles_and_organizations,
)

__all__ = ["EntityMentions", "Mention", "Via", "find_entities", "find_mentions"]

Via = Literal["name", "nisba", "title", "head_noun", "surname"]

# Clitic prefixes allowed before a surface form, by the form's shape (see module docstring).
_CONJ = ("", "و", "ف")
PREFIXES_BEFORE_PLAIN = frozenset(c + p for c in _CONJ for p in ("", "ب", "ل", "ك"))
PREFIXES_BEFORE_DEFINITE = frozenset(c + p for c in _CONJ for p in ("", "ب", "ك"))
PREFIXES_BEFORE_LAM = frozenset(c + "ل" for c in _CONJ)

# Definite words that may follow an anaphoric head noun without turning it into another name.
_ANAPHOR_MODIFIERS = frozenset(
    normalize_term(w)
    for w in ("الذي", "التي", "الذين", "المتطرف", "المتشدد", "الإرهابي", "الدولي", "العسكري", "المسلح",
              "المسلحة", "المذكور", "المذكورة", "نفسه", "نفسها", "ذاته", "ذاتها", "اليوم",
              "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الآن")
)
_VISIT_CUES = frozenset(
    normalize_term(w) for w in ("زيارة", "زيارته", "زيارتها", "زيارتهم", "وصول", "وصوله", "عودة", "عودته", "رحلة",
                                "رحلته", "توجه", "سفر", "سفره", "الزيارة")
)
# Words right before a capital that make it a place rather than its government.
_PLACE_CUES = frozenset(
    normalize_term(w)
    for w in ("في", "إلى", "الى", "داخل", "قرب", "نحو", "حول", "مدينة", "العاصمة", "عاصمة", "شمال", "جنوب",
              "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي", "أطراف", "محيط", "بالقرب",
              "أنحاء", "شوارع", "سماء", "أجواء", "مطار", "زيارة", "زيارته", "زيارتها", "وصل", "وصوله",
              # verbs of movement whose object is the place itself (زار بغداد "visited Baghdad")
              "زار", "زارت", "يزور", "تزور", "وصلت", "يصل", "تصل", "غادر", "غادرت", "يغادر", "تغادر", "دخل",
              "دخلت", "قصد", "قصدت")
)
_RANK = {"name": 0, "anchored": 1, "nisba": 2}
_VIA_BY_KIND = {"name": "name", "nisba": "nisba", "anaphor": "head_noun"}
_BLANK_RUN = re.compile(r"[ \t]{2,}|\t")
# Every character that is neither a letter/digit (str.isalnum) nor a space: a word boundary, as spaces are.
_BOUNDARY = re.compile(r"[^\w ]|_")
_BOUNDARY_NO_UNDERSCORE = re.compile(r"[^\w ]")  # the same for a text without "_": one class, ~2x faster
_NEXT_WORD = re.compile(r" *([^\W_]*)")  # spaces, then letters and digits (str.isalnum)


@dataclass(frozen=True)
class Mention:
    """An entity mentioned in the text.

    start/end: offsets into the ORIGINAL text (end exclusive), without clitic prefixes;
    surface: original[start:end]; form: the normalized form that matched (for a ل + ال word, the form
    without its alef, e.g. لحشد); via: how it was recognized.
    """

    start: int
    end: int
    surface: str
    entity_id: str
    via: Via
    form: str = ""
    # A Force or body named through a nisba (القوات الأمريكية → us-forces) also mentions that state.
    implies: str | None = None


@dataclass(frozen=True)
class EntityMentions:
    mentions: list[Mention]  # every mention, known and new, sorted, non-overlapping
    new_people: list[NewPerson]  # people found through titles that the gazetteer does not know
    new_orgs: list[NewOrganization]
    titled_people: list[NewPerson]  # every person-with-title found, known ones included (known=True)


@dataclass(slots=True)  # slots: built hundreds of times per article, ~2x faster to make
class _Hit:
    """A mention under construction, in compact-text offsets."""

    cstart: int
    cend: int
    entity_id: str
    via: str
    form: str
    kind: str = "name"  # name | nisba | anchored | anaphor
    prefix: str = ""
    base: str = ""  # the gazetteer form (differs from `form` for the ل + ال spelling)
    implies: str | None = None


class _Text:
    """Normalized text with whitespace runs collapsed (so multi-word names match across double spaces)."""

    def __init__(self, nt: NormalizedText) -> None:
        self.nt = nt
        text = nt.text
        # Runs of spaces/tabs become one space; newlines stay (a name never spans lines). Two substring
        # tests rule the runs out far faster than a regex search over the whole text.
        if "  " not in text and "\t" not in text:
            self.compact = text
            self._map: list[int] | None = None
        else:
            pieces: list[str] = []
            cmap: list[int] = []
            pos = 0
            for m in _BLANK_RUN.finditer(text):
                pieces.append(text[pos:m.start()])
                cmap.extend(range(pos, m.start()))
                pieces.append(" ")
                cmap.append(m.start())
                pos = m.end()
            pieces.append(text[pos:])
            cmap.extend(range(pos, len(text) + 1))
            self.compact = "".join(pieces)
            self._map = cmap

    def to_norm(self, c: int) -> int:
        return c if self._map is None else self._map[c]

    def to_original(self, cstart: int, cend: int) -> tuple[int, int]:
        s = self.to_norm(cstart)
        e = self.to_norm(cend - 1) + 1 if cend > cstart else s
        return self.nt.span_to_original(s, e)

    def word_start(self, c: int) -> int:
        t = self.compact
        while c > 0 and t[c - 1].isalnum():
            c -= 1
        return c

    def prev_word(self, c: int) -> tuple[str, int]:
        """The word ending before position c (skipping spaces), and its start."""
        t = self.compact
        e = c
        while e > 0 and t[e - 1] == " ":
            e -= 1
        s = e
        while s > 0 and t[s - 1].isalnum():
            s -= 1
        return t[s:e], s

    def next_word(self, c: int) -> tuple[str, int]:
        """The word starting after position c (skipping spaces), and its start."""
        m = _NEXT_WORD.match(self.compact, c)
        return m.group(1), m.start(1)


# ── the automaton ──────────────────────────────────────────────────────────────────────────────────

# A gazetteer rule attached to a form: (entity id, kind, gazetteer form, implies).
_Rule = tuple[str, str, str, "str | None"]


class _Variant(NamedTuple):
    """A form after one clitic prefix, with what a hit on it means resolved when the index is built."""

    key_len: int
    key: str  # the form as the compact text spells it
    prefix: str
    verify: bool  # the form holds a space or another non-alphanumeric character, which the framed text blurs
    firm: _Rule | None  # the name or nisba it reports (ambiguous forms reduced to their preferred entity)
    anchored: tuple[_Rule, ...]  # anchored short forms, kept only near a full-name mention
    anaphors: tuple[_Rule, ...]  # anaphoric head nouns
    rank: int  # _RANK of `firm`'s kind (0 when there is none), looked up here rather than at every hit


@dataclass
class _Index:
    automaton: ahocorasick.Automaton  # framed variants -> tuple[_Variant, ...], longest form first
    anaphor_targets: dict[str, frozenset[str]]  # anaphor form -> entities it may refer to
    anaphor_default: dict[str, str | None]
    states: frozenset[str]
    persons: frozenset[str]
    capital_of: dict[str, str]
    nisba_entity: dict[str, str]  # normalized nisba form -> state


def _allowed_prefixes(key: str, lam: bool) -> frozenset[str]:
    return PREFIXES_BEFORE_LAM if lam else PREFIXES_BEFORE_DEFINITE if key.startswith("ال") else PREFIXES_BEFORE_PLAIN


def _variant(key: str, prefix: str, rules: list[_Rule], prefer: dict[str, str | None]) -> _Variant:
    firm = [r for r in rules if r[1] in ("name", "nisba")]
    if len({r[0] for r in firm}) > 1:
        chosen = prefer.get(key)
        firm = [r for r in firm if r[0] == chosen]
    return _Variant(
        len(key), key, prefix, not key.isalnum(),
        min(firm, key=lambda r: _RANK[r[1]]) if firm else None,
        tuple(r for r in rules if r[1] == "anchored"),
        tuple(r for r in rules if r[1] == "anaphor"),
        _RANK[min(firm, key=lambda r: _RANK[r[1]])[1]] if firm else 0,
    )


def _index(gazetteer: Gazetteer) -> _Index:
    cached = gazetteer._cache.get("mentions-index")
    if cached is not None:
        return cached
    entries: dict[str, list[tuple[SurfaceForm, bool]]] = defaultdict(list)
    for form in gazetteer.surface_forms:
        entries[form.text].append((form, False))
        if form.text.startswith("ال") and len(form.text) > 3:
            entries["ل" + form.text[2:]].append((form, True))
    anaphor_targets: dict[str, frozenset[str]] = {}
    anaphor_default: dict[str, str | None] = {}
    names_by_entity: dict[str, list[str]] = defaultdict(list)
    for form in gazetteer.surface_forms:
        if form.kind == "name":
            names_by_entity[form.entity_id].append(form.text)
    for a in gazetteer.anaphors:
        key = normalize_term(a.surface).strip()
        bare = key[2:] if key.startswith("ال") else key
        heads = (bare + " ", "ال" + bare + " ")
        anaphor_targets[key] = frozenset(
            eid for eid, names in names_by_entity.items() if any(n.startswith(heads) for n in names)
        )
        anaphor_default[key] = a.default
        anaphor_form = SurfaceForm(key, a.default or "", "anaphor")
        entries[key].append((anaphor_form, False))
        entries["ل" + key[2:]].append((anaphor_form, True))
    # The automaton runs over the framed text (_framed: every character that is not a letter or digit made
    # a space, and a space added at both ends) and holds every form once per clitic prefix it may follow,
    # framed by spaces: " " + prefix + form + " ". So it reports only hits on whole words with an allowed
    # prefix (~200 per article, where the bare forms gave ~500 to filter in Python), and what a hit means
    # is worked out here once per form and prefix instead of at every hit.
    prefer = {normalize_term(a.surface): a.prefer for a in gazetteer.ambiguities}
    framed: dict[str, list[_Variant]] = defaultdict(list)
    for key, value in entries.items():
        for prefix in sorted(PREFIXES_BEFORE_PLAIN | PREFIXES_BEFORE_LAM):
            rules = [(form.entity_id, form.kind, form.text, form.implies) for form, lam in value
                     if prefix in _allowed_prefixes(key, lam)]
            if rules:
                framed[" " + prefix + _BOUNDARY.sub(" ", key) + " "].append(_variant(key, prefix, rules, prefer))
    automaton = ahocorasick.Automaton()
    for word, variants in framed.items():
        # Several (prefix, form) pairs can spell the same word (ل + حشد, لحشد); list the longest form
        # first, the order in which an automaton over the bare forms reports hits that end together.
        automaton.add_word(word, tuple(sorted(variants, key=lambda v: -v.key_len)))
    automaton.make_automaton()
    index = _Index(
        automaton=automaton,
        anaphor_targets=anaphor_targets,
        anaphor_default=anaphor_default,
        states=frozenset(e.id for e in gazetteer.entities.values() if e.type in ("State", "Country")),
        persons=frozenset(e.id for e in gazetteer.entities.values() if e.type == "Person"),
        capital_of={e.id: e.capital_of for e in gazetteer.entities.values() if e.capital_of},
        nisba_entity={f.text: f.entity_id for f in gazetteer.surface_forms if f.kind == "nisba"},
    )
    gazetteer._cache["mentions-index"] = index
    return index


_AnchoredHit = tuple[int, int, str, str, tuple[_Rule, ...]]  # compact start, end, form, prefix, its rules


def _raw_hits(txt: _Text, index: _Index) -> tuple[list[_Candidate], list[_AnchoredHit], list[_Hit]]:
    """Every gazetteer form on word boundaries: (names and nisbas as _select candidates with their variant,
    anchored forms, anaphors), the last two in text order."""
    t = txt.compact
    framed = " " + (_BOUNDARY_NO_UNDERSCORE if "_" not in t else _BOUNDARY).sub(" ", t) + " "
    firm: list[_Candidate] = []
    anchored: list[_AnchoredHit] = []
    anaphors: list[_Hit] = []
    for last, variants in index.automaton.iter(framed):
        end = last - 1  # framed[i + 1] is t[i], and framed[last] is the boundary after the form
        for variant in variants:
            key_len, key, prefix, verify, name, shorts, heads, rank = variant
            start = end - key_len
            if verify and not t.startswith(key, start):
                continue  # "حزب،الله" is not "حزب الله": a framed space may stand for any boundary
            if name is not None:
                firm.append((-key_len, rank, start, end, variant))
            if shorts:
                anchored.append((start, end, key, prefix, shorts))
            if heads:
                for entity_id, kind, base, implies in heads:
                    anaphors.append(_Hit(start, end, entity_id, "", key, kind, prefix, base, implies))
    return firm, anchored, anaphors


# A hit competing for its span: (-length, rank of its kind, start, end, payload). Sorted as tuples: longest
# first, then by rank, then leftmost; no two candidates share a start and a length (one form per span), so
# the payloads are never compared.
_Candidate = tuple[int, int, int, int, Any]


def _select(candidates: list[_Candidate], taken: bytearray) -> list[tuple[int, int, Any]]:
    """Greedy selection of non-overlapping candidates; marks `taken`; (start, end, payload) of the chosen."""
    chosen = []
    for _, _, start, end, payload in sorted(candidates):
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, payload))
    return chosen


def _followed_by_nisba(txt: _Text, h: _Hit, index: _Index) -> bool:
    word, _ = txt.next_word(h.cend)
    return normalize_term(word) in index.nisba_entity


def _match(txt: _Text, gazetteer: Gazetteer) -> tuple[list[_Hit], bytearray]:
    """The gazetteer mentions in text order, and the compact offsets they cover (marked in a bytearray)."""
    index = _index(gazetteer)
    firm, anchored, anaphors = _raw_hits(txt, index)
    taken = bytearray(len(txt.compact) + 1)

    # Pass 1: unconditional names and nisbas (ambiguous forms already reduced to their preferred entity).
    selected = [_Hit(start, end, v.firm[0], "", v.key, v.firm[1], v.prefix, v.firm[2], v.firm[3])
                for start, end, v in _select(firm, taken)]

    # Pass 2: anchored short forms, resolved to the nearest full-name mention of a candidate entity.
    anchors: dict[str, list[int]] = defaultdict(list)
    for h in selected:
        if h.kind == "name":
            anchors[h.entity_id].append(h.cstart)
    resolved = []
    for cs, ce, key, prefix, rules in anchored:
        best: tuple[int, _Rule] | None = None
        for rule in rules:
            for pos in anchors.get(rule[0], ()):
                dist = cs - pos if pos < cs else 10**9 + (pos - cs)  # before beats after
                if best is None or dist < best[0]:
                    best = (dist, rule)
        if best is not None:
            entity_id, kind, base, implies = best[1]
            h = _Hit(cs, ce, entity_id, "", key, kind, prefix, base, implies)
            if not _followed_by_nisba(txt, h, index):
                resolved.append((cs - ce, _RANK["anchored"], cs, ce, h))
    selected += [h for _, _, h in _select(resolved, taken)]

    # Pass 3: anaphoric head nouns.
    selected.sort(key=lambda h: h.cstart)
    starts = [h.cstart for h in selected]
    for h in sorted(anaphors, key=lambda h: h.cstart):
        if any(taken[h.cstart:h.cend]):
            continue
        nxt, _ = txt.next_word(h.cend)
        nxt = normalize_term(nxt)
        if nxt.startswith("ال") and len(nxt) > 3 and nxt not in _ANAPHOR_MODIFIERS:
            continue
        if nxt in index.nisba_entity:
            continue
        key = h.base
        targets = index.anaphor_targets.get(key, frozenset())
        at = bisect_left(starts, h.cstart)  # selected[:at] come before it; the latest in targets wins
        antecedent = next((selected[i].entity_id for i in range(at - 1, -1, -1)
                           if selected[i].entity_id in targets), None)
        entity = antecedent or index.anaphor_default.get(key)
        if not entity:
            continue
        h.entity_id, h.kind = entity, "anaphor"
        taken[h.cstart:h.cend] = b"\x01" * (h.cend - h.cstart)
        selected.insert(at, h)  # nothing selected starts inside it, so the order by start holds
        starts.insert(at, h.cstart)

    _apply_capital_metonyms(txt, selected, index)
    for h in selected:
        h.via = _VIA_BY_KIND.get(h.kind, "")
        if h.kind == "anchored":
            h.via = "surname" if h.entity_id in index.persons else "name"
    return selected, taken


def _apply_capital_metonyms(txt: _Text, hits: list[_Hit], index: _Index) -> None:
    """A capital stands for its state unless the text uses it as a place (see gazetteer.toml header)."""
    for h in hits:
        state = index.capital_of.get(h.entity_id)
        if state is None or h.kind != "name" or " " in h.base:
            continue  # "العاصمة بغداد" and other multi-word names are the city itself
        if "ب" in h.prefix:
            continue  # ببغداد "in Baghdad"
        prev, prev_start = txt.prev_word(h.cstart - len(h.prefix))
        if "ل" in h.prefix:
            # لواشنطن is a destination after a visit (زيارة الكاظمي لواشنطن), else the state (الموالية لطهران)
            before, _ = txt.prev_word(prev_start)
            if {normalize_term(prev), normalize_term(before)} & _VISIT_CUES:
                continue
            h.entity_id = state
            continue
        prev = normalize_term(prev)
        if prev[:1] in ("و", "ف") and prev[1:] in _PLACE_CUES:
            prev = prev[1:]
        if prev in _PLACE_CUES:
            continue
        h.entity_id = state


def _to_mentions(txt: _Text, hits: list[_Hit]) -> list[Mention]:
    """Mentions for hits sorted by start and never overlapping: their offsets, a non-decreasing run, are
    mapped to the original in one pass (an article has ~150 mentions)."""
    points = []
    if txt._map is None:  # the compact text is the normalized text
        for h in hits:
            points += (h.cstart, h.cend - 1)
    else:
        for h in hits:
            points += (txt._map[h.cstart], txt._map[h.cend - 1])
    offsets = txt.nt.offsets_to_original(points)
    original = txt.nt.original
    out = []
    new = object.__new__
    for i, h in enumerate(hits):
        s, e = offsets[2 * i], offsets[2 * i + 1] + 1
        # Mention(...) without its frozen __init__, whose object.__setattr__ per field costs ~3x this; the
        # fields are filled in full, so the object is the same (eq, hash, repr, asdict) as Mention(...) gives.
        m = new(Mention)
        m.__dict__.update(start=s, end=e, surface=original[s:e], entity_id=h.entity_id, via=h.via, form=h.form,
                          implies=h.implies)
        out.append(m)
    return out


def _as_normalized(text: str | NormalizedText) -> NormalizedText:
    return text if isinstance(text, NormalizedText) else normalize(text)


def find_mentions(text: str | NormalizedText, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions of gazetteer entities, sorted by start, never overlapping."""
    txt = _Text(_as_normalized(text))
    return _to_mentions(txt, _match(txt, gazetteer)[0])


# ── new entities ───────────────────────────────────────────────────────────────────────────────────


def _find_repeats(txt: _Text, surface: str, taken: bytearray, after: int) -> list[tuple[int, int]]:
    """Later occurrences (compact offsets) of a normalized surface, with clitic prefixes, not yet taken."""
    out = []
    t = txt.compact
    key = surface
    keys = [(key, False)]
    if key.startswith("ال") and len(key) > 3:
        keys.append(("ل" + key[2:], True))
    for k, lam in keys:
        for m in re.finditer(re.escape(k), t):
            s, e = m.start(), m.end()
            if s < after or (e < len(t) and t[e].isalnum()) or any(taken[s:e]):
                continue
            prefix = t[txt.word_start(s):s] if s > 0 and t[s - 1].isalnum() else ""
            allowed = (PREFIXES_BEFORE_LAM if lam else
                       PREFIXES_BEFORE_DEFINITE if k.startswith("ال") else PREFIXES_BEFORE_PLAIN)
            if prefix in allowed:
                out.append((s, e))
    return out


def _compact_span(txt: _Text, start: int, end: int) -> tuple[int, int]:
    """Compact offsets for an original span produced from compact offsets (inverse of to_original)."""
    nt = txt.nt
    # The spans inverted here begin and end on characters that survived normalization, and origin is
    # non-decreasing, so a bisection finds them.
    ns = bisect_left(nt.origin, start)
    ne = bisect_left(nt.origin, end)
    if txt._map is None:
        return ns, ne
    return bisect_left(txt._map, ns), bisect_left(txt._map, ne)


def find_entities(text: str | NormalizedText, gazetteer: Gazetteer) -> EntityMentions:
    """Gazetteer mentions plus people found through titles and organizations found through head nouns,
    and the later references to them (bare surnames, repeated names)."""
    nt = _as_normalized(text)
    txt = _Text(nt)
    hits, taken = _match(txt, gazetteer)
    mentions = _to_mentions(txt, hits)

    if txt._map is None:  # the compact text is the normalized text
        spans = [(h.cstart, h.cend, h.entity_id, h.via) for h in hits]
    else:
        spans = [(txt._map[h.cstart], txt._map[h.cend - 1] + 1, h.entity_id, h.via) for h in hits]
    titled, orgs = find_titles_and_organizations(nt, spans, gazetteer)
    added: list[Mention] = []

    def claim(start: int, end: int, entity_id: str, via: Via) -> bool:
        cs, ce = _compact_span(txt, start, end)
        if ce <= cs or any(taken[cs:ce]):
            return False
        taken[cs:ce] = b"\x01" * (ce - cs)
        form = txt.compact[cs:ce]
        added.append(Mention(start, end, nt.original[start:end], entity_id, via, form))
        return True

    new_people = []
    seen_people: dict[str, NewPerson] = {}
    for p in titled:
        if p.known:
            continue
        if claim(p.start, p.end, p.slug, "title"):
            new_people.append(p)
            seen_people.setdefault(p.slug, p)
    new_orgs = []
    seen_orgs: dict[str, NewOrganization] = {}
    for o in orgs:
        if claim(o.start, o.end, o.slug, "head_noun"):
            new_orgs.append(o)
            seen_orgs.setdefault(o.slug, o)

    # Later references, only after the first titled mention: the full name again, and the bare surname
    # (the last name word, unless it is also a given name: خالد in رنا خالد may be someone else). When
    # two new people share a surname, the one named most recently before the occurrence takes it.
    later: dict[tuple[int, int], tuple[int, str, Via]] = {}
    for slug, p in seen_people.items():
        cs, ce = _compact_span(txt, p.start, p.end)
        full = txt.compact[cs:ce]
        refs: list[tuple[str, Via]] = [(full, "name")]
        words = full.split(" ")
        surname = words[-1]
        long_enough = len(surname) >= (5 if surname.startswith("ال") else 4)
        if len(words) >= 2 and long_enough and surname not in NAME_WORDS:
            refs.append((surname, "surname"))
        for ref, via in refs:
            for s, e in _find_repeats(txt, ref, taken, ce):
                if (s, e) not in later or later[(s, e)][0] < cs:
                    later[(s, e)] = (cs, slug, via)
    for slug, o in seen_orgs.items():
        cs, ce = _compact_span(txt, o.start, o.end)
        for s, e in _find_repeats(txt, txt.compact[cs:ce], taken, ce):
            later.setdefault((s, e), (cs, slug, "name"))
    for (s, e), (_, slug, via) in sorted(later.items()):
        os_, oe = txt.to_original(s, e)
        claim(os_, oe, slug, via)

    # The gazetteer mentions are already in order (sorted, never overlapping); only additions need a sort.
    all_mentions = sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions
    return EntityMentions(all_mentions, new_people, new_orgs, titled)
