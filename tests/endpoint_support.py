"""Support for the endpoint tests: a store built by the real build from the bundled corpus, with a few
claims added through a new store generation (extraction does not exist yet), the way ingest adds them."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from isnad.build import build
from isnad.graph.store import GraphStore
from isnad.resources import bundled_corpus_dir
from isnad.settings import Settings

BASE = "https://isnad.example.org/"
ARTICLE = "001_989b01d71f21a984"
KH = f"{BASE}id/actor/kataib-hezbollah"
IRAN = f"{BASE}id/actor/iran"
QUOTE = ("تعرضت قواعد أميركية في العراق وسوريا لأكثر من 160 هجوما من قبل جماعات مدعومة من إيران أبرزها "
         "كتائب حزب الله")
CLAIM = f"{BASE}id/claim/{ARTICLE}/backed-by-0001"
TYPE_CLAIM = f"{BASE}id/claim/{ARTICLE}/type-0002"
CURATED_CLAIM = f"{BASE}id/claim/gazetteer/label-0003"

# The fixture in TriG: two claims from a seed article (with the sentence that states them), one curated
# background claim, and one inferred triple.
FIXTURE_TRIG = f"""
@prefix isnad: <https://isnad.example.org/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<{CLAIM}> {{ <{KH}> isnad:backedBy <{IRAN}> . }}
<{TYPE_CLAIM}> {{ <{KH}> a isnad:Militia . }}
<{CURATED_CLAIM}> {{
  <{KH}> skos:prefLabel "Kata'ib Hezbollah"@en , "كتائب حزب الله"@ar .
  <{IRAN}> skos:prefLabel "Iran"@en , "إيران"@ar ; a isnad:State .
}}
<{BASE}graph/provenance> {{
  <{CLAIM}> a isnad:Claim ; isnad:fromArticle <{BASE}id/article/{ARTICLE}> ;
      isnad:evidence <{CLAIM}#evidence> ; isnad:extractedBy <{BASE}id/activity/test> ;
      isnad:confidence "0.9"^^xsd:decimal .
  <{CLAIM}#evidence> a isnad:Evidence ; isnad:quote "{QUOTE}"@ar ; isnad:sentenceIndex 12 ;
      isnad:charStart 3323 ; isnad:charEnd 3430 .
  <{TYPE_CLAIM}> a isnad:Claim ; isnad:fromArticle <{BASE}id/article/{ARTICLE}> ;
      isnad:evidence <{TYPE_CLAIM}#evidence> ; isnad:confidence "0.8"^^xsd:decimal .
  <{TYPE_CLAIM}#evidence> a isnad:Evidence ; isnad:quote "{QUOTE}"@ar .
  <{CURATED_CLAIM}> a isnad:Claim ; isnad:fromSource <{BASE}id/source/gazetteer> .
  <{BASE}id/source/gazetteer> a isnad:CuratedSource ; skos:prefLabel "Isnad gazetteer"@en .
}}
<{BASE}graph/inferred> {{ <{IRAN}> isnad:backs <{KH}> . }}
"""


def add_fixture_claims(store: Path) -> None:
    graph_store = GraphStore(store)
    previous = graph_store.build_info()
    with graph_store.new_generation(from_current=True) as generation:
        generation.store.extend(q for q in ox.parse(FIXTURE_TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG))
        kept = {k: v for k, v in previous.items() if k not in ("generation", "replaces", "written_at")}
        generation.info.update({**kept, "claims": 3, "fixture": True})


def build_fixture_store(store: Path) -> Path:
    build(Settings.from_env(store=store), bundled_corpus_dir())
    add_fixture_claims(store)
    return store


def process_tree_cpu_seconds(pid: int) -> float:
    """utime + stime of a process and all its descendants (now alive), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for child in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found
