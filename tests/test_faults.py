"""Faults: builds and ingests killed with SIGKILL anywhere, a disk that fills up during a build, and a
server started on a damaged store.

After every kill the store must be exactly the previous graph or exactly the new one (compared by a
sorted N-Quads dump of all graphs), open and answer, hold no lock, and keep no temporary files once the next writer
has run. Kill points are drawn from a seeded generator, so a failing run can be replayed."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import free_port, isnad_command, run_isnad
from isnad.graph.iris import Iris
from isnad.graph.store import GraphStore
from isnad.settings import Settings

SEED = 12
MARKER = "ISNAD-FAILPOINT-"
TINY_TEXT = (
    "بغداد - قال رئيس الوزراء العراقي محمد شياع السوداني يوم الخميس إن الحكومة ستبدأ محادثات مع "
    "الولايات المتحدة بشأن انسحاب قوات التحالف من العراق.\n"
    "وأضاف أن نحو 2500 جندي أمريكي ما زالوا في العراق.\n"
)
TINY_RECORD = {
    "title": "محادثات الانسحاب", "outlet": None, "language": "ar", "published": "2024-01-25",
    "published_basis": "written for the fault tests", "source": "written for the fault tests",
}
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
# Where each failpoint sits, in the terms of the issue.
STAGE_OF = {
    "load": "load", "extract": "extraction", "reason": "reasoning", "validate": "validation",
    "ingest-remove": "load", "ingest-load": "load", "ingest-reason": "reasoning",
    "commit": "switch", "switch": "switch", "prune": "switch",
}


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    (corpus / "tiny_article.txt").write_text(TINY_TEXT, encoding="utf-8")
    (corpus / "tiny_article.json").write_text(json.dumps(TINY_RECORD, ensure_ascii=False), encoding="utf-8")
    return corpus


@dataclass(frozen=True)
class Snapshot:
    generation: str
    digest: str  # of the sorted N-Quads dump of every graph but the explanations, blank node labels blanked
    explanations: str  # of the explanations graph's dump, the same way
    articles: int


def snapshot(store: Path) -> Snapshot:
    """Open the current generation, answer a query and dump every graph. Blank node labels are random per
    build (the ontology's OWL lists), so they are blanked: two builds of the same graph dump the same.
    (Full canonicalisation, ox.Dataset.canonicalize, gives the same verdicts here at several times the cost.)"""
    graph_store = GraphStore(store)
    reader = graph_store.open_read()
    articles = int(next(iter(reader.query(ARTICLES, use_default_graph_as_union=True)))["n"].value)
    lines = sorted(re.sub(rb"_:[0-9A-Za-z]+", b"_:", reader.dump(format=ox.RdfFormat.N_QUADS)).splitlines())
    explanations = f"<{Iris(Settings.from_env(store=store).base_iri).graph('explanations').value}> .".encode()
    kept = [line for line in lines if not line.endswith(explanations)]
    explained = [line for line in lines if line.endswith(explanations)]
    return Snapshot(graph_store.current_generation().name, hashlib.sha256(b"\n".join(kept)).hexdigest(),
                    hashlib.sha256(b"\n".join(explained)).hexdigest(), articles)


@dataclass(frozen=True)
class KillPlan:
    """Kill at a failpoint: while paused there, or `after` seconds past it; with no point, `after` seconds
    past the first point reached (the writer holds the lock from there on). `delay` slows one other point
    down, so timed kills land in different places."""

    point: str | None
    pause: bool
    after: float
    delay: str | None


def kill_plans(rng: random.Random, points: list[str], in_stage: list[str], timed: int, timed_range) -> list[KillPlan]:
    def delay() -> str:
        return f"{rng.choice(points)}=delay:{rng.uniform(0.05, 0.6):.2f}"

    plans = [KillPlan(p, True, 0.0, None) for p in points]
    plans += [KillPlan(p, False, rng.uniform(0.0, 0.8), delay()) for p in in_stage]
    plans += [KillPlan(None, False, rng.uniform(*timed_range), delay()) for _ in range(timed)]
    rng.shuffle(plans)
    return plans


def run_and_kill(args: list[str], plan: KillPlan) -> str | None:
    """Run `isnad ARGS` and SIGKILL it as planned; the last failpoint it reached, or None when it finished
    before the kill."""
    spec = ["*=trace", *([plan.delay] if plan.delay else [])]
    if plan.pause:
        spec.insert(0, f"{plan.point}=pause")
    process = subprocess.Popen([isnad_command(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "ISNAD_FAILPOINTS": ",".join(spec)})
    lines: list[str] = []
    reached = threading.Event()

    def read() -> None:
        for line in process.stderr:
            lines.append(line)
            if line.startswith(MARKER) and plan.point in (None, line.split()[-1]):
                reached.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert reached.wait(180), f"{plan.point or 'no failpoint'} reached:\n{''.join(lines)}"
    time.sleep(plan.after)
    process.send_signal(signal.SIGKILL)
    process.wait(20)
    reader.join(20)
    if process.returncode == 0:
        return None
    assert process.returncode == -signal.SIGKILL, "".join(lines)
    points = [line.split()[-1] for line in lines if line.startswith(MARKER)]
    return points[-1]


def check_after_kill(store: Path, before: Snapshot) -> Snapshot:
    """The store right after a kill: no lock held, at most the killed writer's own partial generation,
    and exactly the previous graph or a new one (checked against the final graph at the end)."""
    graph_store = GraphStore(store)
    with graph_store.write_lock():
        pass
    partials = list(graph_store.generations_dir.glob("*.partial"))
    assert len(partials) <= 1, f"an earlier run's leftovers were not removed: {partials}"
    now = snapshot(store)
    if now.generation == before.generation:
        assert now == before
    return now


def assert_clean(store: Path) -> None:
    generations = sorted(p.name for p in (store / "generations").iterdir())
    assert not [g for g in generations if g.endswith(".partial")], generations
    assert not list(store.glob(".current-*"))
    assert len(generations) <= 2, generations


def campaign(store: Path, args: list[str], plans: list[KillPlan], new_articles: int,
             same_explanations: bool = True) -> dict[str, int]:
    """Run every plan against the store, then one writer to the end; returns kills per stage.

    With same_explanations=False the explanations graphs of the new graphs are not compared: the first
    ingest of an article reasons incrementally and later ones (replacements) recompute the closure, and
    the two may explain an inferred triple by different, equally valid derivations (docs/reasoning.md).
    The inferred triples themselves are compared either way."""
    before = snapshot(store)
    new_graphs = []
    per_stage: dict[str, int] = {}
    for plan in plans:
        point = run_and_kill(args, plan)
        after = check_after_kill(store, before)
        switched = after.generation != before.generation
        if point is None:  # finished before its timed kill: not a fault run, but a new graph all the same
            assert switched
        else:
            per_stage[STAGE_OF[point]] = per_stage.get(STAGE_OF[point], 0) + 1
            if point not in ("switch", "prune"):  # killed before `current` moved: the previous graph
                assert not switched, f"killed at {point} but the store changed"
            if point == "prune":  # killed after `current` moved: the new graph
                assert switched, "killed after the switch but the store is the old one"
        if switched:
            assert after.articles == new_articles
            new_graphs.append(after)
        before = after
    result = run_isnad(*args, timeout=300)
    assert result.returncode == 0, result.stderr
    assert_clean(store)
    final = snapshot(store)
    assert final.articles == new_articles
    assert all(g.digest == final.digest for g in new_graphs), "a kill left a graph that is neither the old nor the new"
    if same_explanations:
        assert all(g.explanations == final.explanations for g in new_graphs), "explanations neither old nor new"
    return per_stage


@pytest.mark.slow
def test_builds_killed_anywhere_leave_the_old_graph_or_the_new(store_copy, tiny_corpus):
    rng = random.Random(SEED)
    plans = kill_plans(rng, ["load", "extract", "reason", "validate", "switch"],
                       in_stage=["load", "extract", "reason", "validate"], timed=2, timed_range=(0.0, 6.0))
    per_stage = campaign(store_copy, ["build", "--store", str(store_copy), "--corpus", str(tiny_corpus)], plans,
                         new_articles=1)
    print(f"build kills per stage (seed {SEED}): {per_stage}")
    assert sum(per_stage.values()) >= 10
    assert {"load", "extraction", "reasoning", "validation", "switch"} <= set(per_stage)


@pytest.mark.slow
def test_ingests_killed_anywhere_leave_the_old_graph_or_the_new(store_copy, tmp_path):
    rng = random.Random(SEED + 1)
    article = tmp_path / "ingested_article.txt"
    article.write_text(TINY_TEXT, encoding="utf-8")
    plans = kill_plans(rng, ["ingest-remove", "ingest-load", "ingest-reason", "commit", "switch", "prune"],
                       in_stage=["ingest-remove", "ingest-load", "ingest-reason", "commit", "switch"], timed=1,
                       timed_range=(0.0, 3.0))
    per_stage = campaign(store_copy, ["ingest", str(article), "--date", "2024-01-25", "--store", str(store_copy)],
                         plans, new_articles=6, same_explanations=False)
    print(f"ingest kills per stage (seed {SEED + 1}): {per_stage}")
    assert sum(per_stage.values()) >= 9
    assert {"load", "reasoning", "switch"} <= set(per_stage)


def _mount_small_filesystem(where: Path, size_bytes: int) -> bool:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(where)],
                             capture_output=True)
    return mounted.returncode == 0


def _limit_file_size(limit: int):
    def apply() -> None:
        # Ignored SIGXFSZ turns a write past the limit into EFBIG, which the build must report.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _fill(filesystem: Path, leave: int) -> None:
    """Fill the filesystem up, then give `leave` bytes back."""
    filler = filesystem / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave))


@pytest.mark.parametrize(("command", "space_left", "file_limit"),
                         [("build", 256_000, 1_000_000), ("ingest", 0, 60_000)])
def test_a_full_disk_stops_the_writer_cleanly(seed_store, tmp_path, tiny_corpus, command, space_left, file_limit):
    """A small tmpfs, filled up to `space_left` (the build runs out of space once it is writing, the ingest
    finds the disk full) where this machine lets us mount one, else a file size limit."""
    store_bytes = sum(p.stat().st_size for p in seed_store.rglob("*") if p.is_file())
    small = tmp_path / "small"
    mounted = _mount_small_filesystem(small, store_bytes + 3_000_000)
    try:
        store = small / "store"
        shutil.copytree(seed_store, store, symlinks=True)
        before = snapshot(store)
        if command == "build":
            args = ["build", "--store", str(store), "--corpus", str(tiny_corpus)]
        else:
            args = ["ingest", str(tiny_corpus / "tiny_article.txt"), "--store", str(store)]
        if mounted:
            _fill(small, space_left)
        result = subprocess.run([isnad_command(), *args], capture_output=True, text=True, timeout=300,
                                preexec_fn=None if mounted else _limit_file_size(file_limit))
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert ("No space left on device" if mounted else "File too large") in result.stderr, result.stderr
        assert "previous store is untouched" in result.stderr
        assert snapshot(store) == before
        assert_clean(store)
    finally:
        if mounted:
            subprocess.run(["umount", str(small)], check=True)


def _dangling_current(store: Path) -> None:
    shutil.rmtree(GraphStore(store).current_generation())


def _current_not_a_link(store: Path) -> None:
    (store / "current").unlink()
    (store / "current").write_text("generations/whatever\n")


def _garbage_build_info(store: Path) -> None:
    (GraphStore(store).current_generation() / "build.json").write_bytes(b"\x00\xffnot json{")


def _build_info_not_an_object(store: Path) -> None:
    (GraphStore(store).current_generation() / "build.json").write_text("[1, 2]")


def _other_format_version(store: Path) -> None:
    path = GraphStore(store).current_generation() / "build.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "format_version": 999}))


def _truncated_table_file(store: Path) -> None:
    table = max((GraphStore(store).current_generation() / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)
    os.truncate(table, 1000)


def _garbled_rocksdb_pointer(store: Path) -> None:
    (GraphStore(store).current_generation() / "oxigraph" / "CURRENT").write_bytes(b"\x13garbage\n")


def _missing_database(store: Path) -> None:
    shutil.rmtree(GraphStore(store).current_generation() / "oxigraph")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_dangling_current, "which is missing"),
        (_current_not_a_link, "'current' is not a link"),
        (_garbage_build_info, "no readable build.json"),
        (_build_info_not_an_object, "build.json does not hold a JSON object"),
        (_other_format_version, "format version 999"),
        (_truncated_table_file, "Corruption"),
        (_garbled_rocksdb_pointer, "Corruption"),
        (_missing_database, "cannot be opened"),
    ],
)
def test_a_server_on_a_damaged_store_says_so_and_exits(store_copy, damage, words):
    damage(store_copy)
    result = run_isnad("serve", "--store", str(store_copy), "--port", str(free_port()), timeout=90)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr
    assert "isnad build --store" in result.stderr  # and what to do about it
    assert "building it first" not in result.stderr  # a damaged store is not silently replaced


def test_a_build_repairs_a_damaged_store(store_copy, tiny_corpus):
    _dangling_current(store_copy)
    result = run_isnad("build", "--store", str(store_copy), "--corpus", str(tiny_corpus), timeout=300)
    assert result.returncode == 0, result.stderr
    assert snapshot(store_copy).articles == 1
    assert_clean(store_copy)


def test_an_ingest_into_a_damaged_store_says_so(store_copy, tmp_path):
    _dangling_current(store_copy)
    article = tmp_path / "a.txt"
    article.write_text(TINY_TEXT, encoding="utf-8")
    result = run_isnad("ingest", str(article), "--date", "2024-01-25", "--store", str(store_copy))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "which is missing" in result.stderr
