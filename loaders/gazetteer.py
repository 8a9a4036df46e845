"""The curated gazetteer (ontology/gazetteer.toml): known actors, places and processes, and background
relations between them.

``load_gazetteer()`` reads the bundled file once (cached) and validates it; every problem is reported
with the entry it concerns, so a curator can fix the file from the message alone. The gazetteer also
expands its entries into normalized surface forms (names, inflected nisbas, head+nisba names, anchored
short forms) that isnad.loaders.mentions matches against text; the format is documented in the header of
gazetteer.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from isnad.loaders.normalize import normalize_term

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "Ambiguity",
    "Anaphor",
    "CuratedRelation",
    "Gazetteer",
    "GazetteerEntity",
    "GazetteerError",
    "SurfaceForm",
    "inflect_nisba",
    "load_gazetteer",
]

ENTITY_TYPES = frozenset(
    {
        "State", "GovernmentBody", "Person", "Militia", "TerroristOrganization", "MilitaryCoalition",
        "MilitiaUmbrella", "PoliticalAlliance", "Institution", "Force", "Country", "Province", "City",
        "MilitaryBase", "Zone", "Embassy", "NegotiationProcess",
    }
)
PLACE_TYPES = frozenset({"State", "Country", "Province", "City", "MilitaryBase", "Zone", "Embassy"})
PREDICATES = frozenset({"memberOf", "partOf", "leads", "backedBy", "alliedWith", "opposes", "commanderOf"})

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ENTITY_KEYS = {
    "id", "type", "en", "ar", "variants", "nisba", "wikidata", "located_in", "anchored", "nisba_heads",
    "nisba_of", "capital_of",
}
_HEAD_CLASSES = ("fem", "masc", "plural")
_WS = re.compile(r"\s+")

# Suffixes that inflect a masculine singular nisba stem (ending in ي): feminine (ة, normalized ه),
# adverbial accusative (ا), plurals, duals.
_NISBA_FEM = ("ه",)
_NISBA_MASC = ("",)
_NISBA_PLURAL = ("ين", "ون")
_NISBA_ALL = ("", "ه", "ا", "ون", "ين", "ان", "ات", "تان", "تين")


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the offending entry."""


@dataclass(frozen=True)
class GazetteerEntity:
    id: str
    type: str
    en: str
    ar: str
    variants: tuple[str, ...] = ()
    nisba: tuple[str, ...] = ()
    wikidata: str | None = None
    located_in: str | None = None
    # Short forms trusted only when the text also names the entity in full (see gazetteer.toml).
    anchored: tuple[str, ...] = ()
    # {"fem"|"masc"|"plural": head nouns} combined with the nisba of ``nisba_of``.
    nisba_heads: tuple[tuple[str, tuple[str, ...]], ...] = ()
    nisba_of: str | None = None
    capital_of: str | None = None

    @property
    def labels_ar(self) -> tuple[str, ...]:
        """The Arabic names as written in the gazetteer (preferred label first), without derived forms."""
        return (self.ar, *self.variants)


@dataclass(frozen=True)
class CuratedRelation:
    subject: str
    predicate: str
    object: str
    note: str


@dataclass(frozen=True)
class Ambiguity:
    surface: str  # as written
    entities: tuple[str, ...]
    prefer: str | None


@dataclass(frozen=True)
class Anaphor:
    surface: str  # as written, e.g. "التحالف"
    default: str | None


@dataclass(frozen=True)
class SurfaceForm:
    """One normalized string the matcher looks for.

    kind: "name" (ar, variants, head+nisba names), "nisba" (inflected adjectives) or "anchored".
    """

    text: str
    entity_id: str
    kind: str
    implies: str | None = None  # for head+nisba names (القوات الأمريكية): the state the nisba names


def _norm(s: str) -> str:
    return _WS.sub(" ", normalize_term(s)).strip()


def inflect_nisba(stem: str, suffixes: tuple[str, ...] = _NISBA_ALL, definite: bool | None = None) -> list[str]:
    """Normalized inflected forms of a nisba stem (أمريكي → امريكي, امريكيه, الامريكيين …).

    definite=None gives both definite and indefinite forms. A stem not ending in ي is returned as is
    (with ال where asked): irregular forms are listed explicitly in the gazetteer.
    """
    base = _norm(stem)
    if base.startswith("ال"):
        base = base[2:]
    forms = [base + suf for suf in suffixes] if base.endswith("ي") else [base]
    out: list[str] = []
    if definite in (None, False):
        out.extend(forms)
    if definite in (None, True):
        out.extend("ال" + f for f in forms)
    return out


@dataclass
class Gazetteer:
    entities: dict[str, GazetteerEntity]
    relations: list[CuratedRelation]
    ambiguities: list[Ambiguity] = field(default_factory=list)
    anaphors: list[Anaphor] = field(default_factory=list)
    source: str = "<memory>"
    # Per-instance caches filled by the matcher (automata are costly to rebuild for every article).
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._validate()
        self.surface_forms = self._expand()

    # ── expansion ──────────────────────────────────────────────────────────────────────────────────

    def nisba_forms(self, entity_id: str) -> list[str]:
        return [f for stem in self.entities[entity_id].nisba for f in inflect_nisba(stem)]

    def _head_names(self, e: GazetteerEntity) -> list[str]:
        if not e.nisba_of:
            return []
        stems = self.entities[e.nisba_of].nisba
        suffixes = {"fem": _NISBA_FEM, "masc": _NISBA_MASC, "plural": _NISBA_PLURAL}
        out = []
        for cls, heads in e.nisba_heads:
            for head in heads:
                h = _norm(head)
                definite = h.split(" ")[-1].startswith("ال")
                for stem in stems:
                    out.extend(f"{h} {form}" for form in inflect_nisba(stem, suffixes[cls], definite))
        return out

    def _expand(self) -> list[SurfaceForm]:
        forms: dict[tuple[str, str], str] = {}  # (text, entity) -> kind; name beats anchored beats nisba
        implies: dict[tuple[str, str], str] = {}
        rank = {"name": 0, "anchored": 1, "nisba": 2}

        def add(text: str, entity_id: str, kind: str) -> None:
            key = (text, entity_id)
            if key not in forms or rank[kind] < rank[forms[key]]:
                forms[key] = kind

        for e in self.entities.values():
            for s in e.labels_ar:
                add(_norm(s), e.id, "name")
            for s in self._head_names(e):
                add(s, e.id, "name")
                implies[(s, e.id)] = e.nisba_of  # type: ignore[assignment]
            for s in e.anchored:
                add(_norm(s), e.id, "anchored")
            for s in self.nisba_forms(e.id):
                add(s, e.id, "nisba")
        return [SurfaceForm(text, eid, kind, implies.get((text, eid))) for (text, eid), kind in forms.items()]

    def forms_by_text(self) -> dict[str, list[SurfaceForm]]:
        out: dict[str, list[SurfaceForm]] = defaultdict(list)
        for f in self.surface_forms:
            out[f.text].append(f)
        return out

    # ── validation ─────────────────────────────────────────────────────────────────────────────────

    def _fail(self, msg: str) -> None:
        raise GazetteerError(f"{self.source}: {msg}")

    def _validate(self) -> None:
        ids = self.entities
        for e in ids.values():
            where = f"entity {e.id!r}"
            if not _SLUG.match(e.id):
                self._fail(f"{where}: id must be a lowercase-hyphen slug")
            if e.type not in ENTITY_TYPES:
                self._fail(f"{where}: unknown type {e.type!r} (expected one of {', '.join(sorted(ENTITY_TYPES))})")
            if not e.en.strip() or not e.ar.strip():
                self._fail(f"{where}: en and ar labels must not be empty")
            if e.wikidata is not None and not _QID.match(e.wikidata):
                self._fail(f"{where}: wikidata must look like Q123, got {e.wikidata!r}")
            for key in ("located_in", "nisba_of", "capital_of"):
                ref = getattr(e, key)
                if ref is not None and ref not in ids:
                    self._fail(f"{where}: {key} refers to unknown id {ref!r}")
            if e.located_in and e.type not in PLACE_TYPES:
                self._fail(f"{where}: located_in is only for places, not for type {e.type}")
            if e.capital_of and ids[e.capital_of].type != "State":
                self._fail(f"{where}: capital_of must name a State, {e.capital_of!r} is {ids[e.capital_of].type}")
            if bool(e.nisba_heads) != bool(e.nisba_of):
                self._fail(f"{where}: nisba_heads and nisba_of go together")
            if e.nisba_of and not ids[e.nisba_of].nisba:
                self._fail(f"{where}: nisba_of {e.nisba_of!r} has no nisba")
            for s in (*e.labels_ar, *e.anchored, *e.nisba):
                if not _norm(s):
                    self._fail(f"{where}: empty surface form")
        self._validate_located_in_cycles()
        for i, r in enumerate(self.relations, 1):
            where = f"relation #{i} ({r.subject} {r.predicate} {r.object})"
            if r.predicate not in PREDICATES:
                expected = ", ".join(sorted(PREDICATES))
                self._fail(f"{where}: unknown predicate {r.predicate!r} (expected one of {expected})")
            for ref in (r.subject, r.object):
                if ref not in ids:
                    self._fail(f"{where}: unknown entity id {ref!r}")
            if r.subject == r.object:
                self._fail(f"{where}: subject and object are the same")
            if not r.note.strip():
                self._fail(f"{where}: a curated relation needs a note saying where it is established")
        seen = set()
        for r in self.relations:
            key = (r.subject, r.predicate, r.object)
            if key in seen:
                self._fail(f"relation {' '.join(key)}: listed twice")
            seen.add(key)
        for a in self.ambiguities:
            where = f"ambiguous {a.surface!r}"
            if len(a.entities) < 2:
                self._fail(f"{where}: needs at least two entities")
            for ref in (*a.entities, *([a.prefer] if a.prefer else [])):
                if ref not in ids:
                    self._fail(f"{where}: unknown entity id {ref!r}")
            if a.prefer and a.prefer not in a.entities:
                self._fail(f"{where}: prefer {a.prefer!r} is not among its entities")
        for a in self.anaphors:
            if a.default is not None and a.default not in ids:
                self._fail(f"anaphor {a.surface!r}: default refers to unknown id {a.default!r}")
        self._validate_shared_surfaces()

    def _validate_located_in_cycles(self) -> None:
        for e in self.entities.values():
            seen = {e.id}
            cur = e.located_in
            while cur is not None:
                if cur in seen:
                    self._fail(f"entity {e.id!r}: located_in chain loops through {cur!r}")
                seen.add(cur)
                cur = self.entities[cur].located_in

    def _validate_shared_surfaces(self) -> None:
        """A name or nisba naming two entities is an error unless declared in [[ambiguous]].

        Anchored forms may be shared (the matcher resolves them by the full-name mention nearby), but an
        anchored form must not also be another entity's unconditional name or nisba.
        """
        declared = {_norm(a.surface): set(a.entities) for a in self.ambiguities}
        owners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e in self.entities.values():
            for s in e.labels_ar:
                owners[_norm(s)]["name"].add(e.id)
            for s in self._head_names(e):
                owners[s]["name"].add(e.id)
            for s in self.nisba_forms(e.id):
                owners[s]["nisba"].add(e.id)
            for s in e.anchored:
                owners[_norm(s)]["anchored"].add(e.id)
        for text, by_kind in owners.items():
            unconditional = by_kind["name"] | by_kind["nisba"]
            if len(unconditional) > 1 and declared.get(text) != unconditional:
                self._fail(
                    f"surface form {text!r} names several entities ({', '.join(sorted(unconditional))}); "
                    "keep it on one, or declare it in [[ambiguous]]"
                )
            clash = by_kind["anchored"] - unconditional
            if clash and unconditional:
                self._fail(
                    f"anchored form {text!r} of {', '.join(sorted(clash))} is also a name of "
                    f"{', '.join(sorted(unconditional))}; declare it ambiguous or drop one"
                )
        for text in declared:
            if text not in owners:
                self._fail(f"ambiguous {text!r}: no entity has this surface form")


def _tuple_of_str(value: object, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _entity_from_toml(raw: dict, index: int, source: str) -> GazetteerEntity:
    where = f"{source}: entity #{index} ({raw.get('id', '<no id>')!r})"
    unknown = set(raw) - _ENTITY_KEYS
    if unknown:
        raise GazetteerError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "type", "en", "ar"):
        if not isinstance(raw.get(key), str):
            raise GazetteerError(f"{where}: missing or non-string {key!r}")
    heads_raw = raw.get("nisba_heads", {})
    if not isinstance(heads_raw, dict) or set(heads_raw) - set(_HEAD_CLASSES):
        raise GazetteerError(f"{where}: nisba_heads must be a table with keys among {', '.join(_HEAD_CLASSES)}")
    heads = tuple((cls, _tuple_of_str(heads_raw[cls], where, f"nisba_heads.{cls}")) for cls in _HEAD_CLASSES
                  if cls in heads_raw)
    for key in ("wikidata", "located_in", "nisba_of", "capital_of"):
        if key in raw and not isinstance(raw[key], str):
            raise GazetteerError(f"{where}: {key} must be a string")
    return GazetteerEntity(
        id=raw["id"], type=raw["type"], en=raw["en"], ar=raw["ar"],
        variants=_tuple_of_str(raw.get("variants", []), where, "variants"),
        nisba=_tuple_of_str(raw.get("nisba", []), where, "nisba"),
        wikidata=raw.get("wikidata"), located_in=raw.get("located_in"),
        anchored=_tuple_of_str(raw.get("anchored", []), where, "anchored"),
        nisba_heads=heads, nisba_of=raw.get("nisba_of"), capital_of=raw.get("capital_of"),
    )


def parse_gazetteer(text: str, source: str = "<string>") -> Gazetteer:
    """Parse and validate gazetteer TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"{source}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"entity", "relation", "ambiguous", "anaphor"}
    if unknown:
        raise GazetteerError(f"{source}: unknown top-level table(s) {', '.join(sorted(unknown))}")
    entities: dict[str, GazetteerEntity] = {}
    for i, raw in enumerate(data.get("entity", []), 1):
        e = _entity_from_toml(raw, i, source)
        if e.id in entities:
            raise GazetteerError(f"{source}: entity #{i}: duplicate id {e.id!r}")
        entities[e.id] = e
    relations = []
    for i, raw in enumerate(data.get("relation", []), 1):
        if set(raw) != {"subject", "predicate", "object", "note"}:
            raise GazetteerError(f"{source}: relation #{i} needs exactly subject, predicate, object, note")
        relations.append(CuratedRelation(raw["subject"], raw["predicate"], raw["object"], raw["note"]))
    ambiguities = []
    for i, raw in enumerate(data.get("ambiguous", []), 1):
        if not isinstance(raw.get("surface"), str) or set(raw) - {"surface", "entities", "prefer"}:
            raise GazetteerError(f"{source}: ambiguous #{i} needs surface, entities and optional prefer")
        ambiguities.append(Ambiguity(raw["surface"], _tuple_of_str(raw.get("entities", []), f"ambiguous #{i}",
                                                                   "entities"), raw.get("prefer")))
    anaphors = []
    for i, raw in enumerate(data.get("anaphor", []), 1):
        if not isinstance(raw.get("surface"), str) or set(raw) - {"surface", "default"}:
            raise GazetteerError(f"{source}: anaphor #{i} needs surface and optional default")
        anaphors.append(Anaphor(raw["surface"], raw.get("default")))
    return Gazetteer(entities, relations, ambiguities, anaphors, source=source)


def _bundled_text() -> tuple[str, str]:
    resource = files("isnad.ontology") / "gazetteer.toml"
    return resource.read_text(encoding="utf-8"), "gazetteer.toml"


@cache
def _load_cached(path: str | None) -> Gazetteer:
    if path is None:
        text, source = _bundled_text()
    else:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise GazetteerError(f"cannot read gazetteer {p}: {exc.strerror or exc}") from exc
        source = str(p)
    return parse_gazetteer(text, source)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at ``path``, or the bundled one; parsed and validated once per path."""
    return _load_cached(None if path is None else str(Path(path).resolve()))
