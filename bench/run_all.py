"""Every benchmark in one run, and one table of their figures with the ratios that matter.

    .venv/bin/python bench/run_all.py            # the full run (an hour or more on 2 cores)
    .venv/bin/python bench/run_all.py --quick    # a smoke run: small inputs, short cells (minutes)

Each benchmark runs as its own process (as a user would run it) and its figures are read from what it
prints; the endpoint benchmark writes JSON. A benchmark that fails or is missing is reported in the
table, and the others still run. The full report is also written as JSON (--json)."""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
OWLRL_CAP = 600  # seconds owlrl may take on one size before it is reported as "over the cap"


def run(script: str, *args: str, timeout: float) -> tuple[str, str | None]:
    """(stdout, None) or (partial stdout, why it failed)."""
    path = HERE / script
    if not path.exists():
        return "", f"{script} is not there yet"
    try:
        done = subprocess.run([PYTHON, str(path), *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return exc.stdout or "", f"stopped after {timeout:.0f} s"
    if done.returncode != 0:
        return done.stdout, f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ''}"
    return done.stdout, None


def endpoint_rows(quick: bool, workdir: Path) -> list[tuple]:
    out = workdir / "endpoint.json"
    args = ["--json", str(out), "--workdir", str(workdir / "endpoint")]
    args += ["--quads", "100000", "--seconds", "3", "--timeout", "20"] if quick else ["--seconds", "15"]
    _, failed = run("bench_endpoint.py", *args, timeout=7200)
    if failed or not out.exists():
        return [("endpoint", "-", "-", "-", failed or "no report")]
    report = json.loads(out.read_text(encoding="utf-8"))
    rows = [("endpoint graph", f"{report['graph']['quads']:,} quads", "", "",
             f"{report['concurrency']} clients, {report['seconds_per_cell']:.0f} s per cell")]
    for name, cells in report["results"].items():
        app, virtuoso, ceiling = cells.get("app", {}), cells.get("virtuoso", {}), cells.get("pyoxigraph", {})
        peer = virtuoso if virtuoso.get("rps") else cells.get("rdflib-endpoint", {})
        peer_name = "virtuoso" if virtuoso.get("rps") else "rdflib-endpoint"
        rows.append((f"endpoint: {name}", rate(app), f"{peer_name} {rate(peer)}",
                     ratio(app.get("rps"), peer.get("rps")), f"pyoxigraph in-process {rate(ceiling)}"))
    rows += [(f"endpoint: {peer} skipped", "", "", "", why) for peer, why in report["skipped"].items()]
    return rows


def rate(cell: dict) -> str:
    if not cell:
        return "-"
    if "error" in cell:
        return cell["error"]
    return f"{cell['rps']:.1f}/s p50 {cell['p50_ms']:.0f} ms p99 {cell['p99_ms']:.0f} ms"


def ratio(ours: float | None, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}x" if ours and theirs else "-"


def extraction_rows(quick: bool) -> list[tuple]:
    out, failed = run("bench_extraction.py", *(["--articles", "20", "--repeat", "1"] if quick else []), timeout=3600)
    one = re.search(r"one core:\s+([\d.]+) articles/s", out)
    scaling = re.search(r"scaling:\s+([\d.]+)x on (\d+) cores", out)
    if failed or not one:
        return [("extraction", "-", "-", "-", failed or "no figures printed")]
    return [("extraction (articles/s, ~1,000 words)", f"{float(one.group(1)):.1f} on one core", "", "",
             f"{scaling.group(1)}x on {scaling.group(2)} cores" if scaling else "")]


def text_layer_rows(quick: bool) -> list[tuple]:
    out, failed = run("bench_text_layer.py", *(["--articles", "40", "--repeat", "2"] if quick else []), timeout=1800)
    whole = re.search(r"whole text layer.*?CPU time :\s+[\d.]+ MB/s\s+(\d+) articles/s\s+\(([\d.]+) ms/article\)",
                      out, re.S)
    if failed or not whole:
        return [("text layer", "-", "-", "-", failed or "no figures printed")]
    return [("text layer (articles/s per core, CPU time)", f"{whole.group(1)} on one core", "", "",
             f"{whole.group(2)} ms per article; normalize, sentences, dates, numbers, mentions")]


def ingest_rows(quick: bool) -> list[tuple]:
    args = ["--articles", "10", "--copies", "5", "--probes", "1"] if quick else ["--articles", "50", "--copies", "200"]
    out, failed = run("bench_ingest.py", *args, timeout=7200)
    try:
        report = json.loads(out)
    except ValueError:
        return [("ingest", "-", "-", "-", failed or "no JSON printed")]
    cpu, large = report["median_cpu_seconds"], report["large_store"]
    return [(f"ingest of one article into {large['articles']:,} articles ({large['quads']:,} quads)",
             f"{cpu['large']:.2f} s CPU", f"into an empty store {cpu['empty']:.2f} s",
             f"{cpu['ratio_large_to_empty']}x",
             "median of the held-out articles; the same articles into both stores")]


def reasoning_rows(quick: bool) -> list[tuple]:
    rows = []
    for size in ([5_000] if quick else [10_000, 50_000, 200_000]):
        out, failed = run("bench_reasoning.py", "--triples", str(size), "--repeat", "1", timeout=OWLRL_CAP + 300)
        note = ""
        if failed:  # owlrl over the cap: the engine alone, so its figure is still there
            note = f"owlrl: {failed}"
            out, failed = run("bench_reasoning.py", "--triples", str(size), "--repeat", "1", "--skip-owlrl",
                              timeout=900)
        try:
            report = json.loads(out)
        except ValueError:
            rows.append((f"reasoning {size:,} triples", "-", "-", "-", failed or "no JSON printed"))
            continue
        owlrl, fast = report.get("owlrl_seconds"), report["fast_seconds"]
        rows.append((f"reasoning, OWL 2 RL closure of {size:,} triples", f"{fast:.2f} s",
                     f"owlrl {owlrl:.1f} s" if owlrl else f"owlrl > {OWLRL_CAP} s",
                     f"{owlrl / fast:.0f}x" if owlrl else f"> {OWLRL_CAP / fast:.0f}x",
                     note or f"closures equal: {report.get('closures_equal')}; whole build step "
                             f"{report['build_step_seconds']:.1f} s"))
    return rows


def build_rows(quick: bool) -> list[tuple]:
    args = ["--articles", "30", "--workers", "2"] if quick else ["--articles", "1000"]
    out, failed = run("bench_build.py", *args, timeout=7200)
    if failed:
        return [("build", "-", "-", "-", failed)]
    rows = []
    articles = args[1]
    for line in out.splitlines():
        timing = re.match(r"\s*(\d+)\s+([\d.]+)\s+(\d+)\s", line)
        if timing:
            rows.append((f"build of {articles} generated articles, {timing.group(1)} worker(s)",
                         f"{timing.group(2)} s", "", "", f"peak {timing.group(3)} MiB"))
        load = re.match(r"\s+(.+?)\s+([\d.]+) s\s+([\d,]+) quads/s\s+([\d.]+)x the peer", line)
        if load:
            rows.append((f"load: {load.group(1)}", f"{load.group(3)} quads/s", "pyoxigraph bulk_load",
                         f"{load.group(4)}x the time", ""))
    return rows or [("build", "-", "-", "-", "no figures printed")]


def overhead_rows(quick: bool) -> list[tuple]:
    out, failed = run("bench_endpoint_overhead.py", "--repeat", "10" if quick else "50", timeout=1800)
    mean = re.search(r"geometric mean ratio \(pool / in-process\): ([\d.]+)", out)
    if failed or not mean:
        return [("query worker pool overhead", "-", "-", "-", failed or "no figures printed")]
    return [("query worker pool vs in-process (seed store)", "", "", f"{mean.group(1)}x",
             "geometric mean of the per-query medians")]


def machine() -> str:
    cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = re.search(r"Model name:\s+(.*)", cpu)
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return (f"{platform.node()}: {model.group(1) if model else platform.processor()}, "
            f"{len(re.findall(r'^processor', Path('/proc/cpuinfo').read_text(), re.M))} cores, "
            f"{int(memory) / 2**20:.0f} GiB, Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small inputs and short runs: a smoke test")
    parser.add_argument("--only", help="comma-separated: text,extraction,build,ingest,reasoning,overhead,endpoint")
    parser.add_argument("--json", type=Path, help="write the rows as JSON here")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="isnad-bench-"))
    parts = {"text": lambda: text_layer_rows(args.quick), "extraction": lambda: extraction_rows(args.quick),
             "build": lambda: build_rows(args.quick), "ingest": lambda: ingest_rows(args.quick),
             "reasoning": lambda: reasoning_rows(args.quick), "overhead": lambda: overhead_rows(args.quick),
             "endpoint": lambda: endpoint_rows(args.quick, workdir)}
    chosen = args.only.split(",") if args.only else list(parts)
    began = time.monotonic()
    rows: list[tuple] = []
    for name in chosen:
        print(f"running {name}…", file=sys.stderr, flush=True)
        rows += parts[name]()
    header = ("measure", "Isnad", "peer", "ratio", "notes")
    print(f"{time.strftime('%Y-%m-%d')}, {machine()}, {'quick' if args.quick else 'full'} run, "
          f"{(time.monotonic() - began) / 60:.0f} min")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    if args.json:
        args.json.write_text(json.dumps([dict(zip(header, row, strict=True)) for row in rows], indent=2,
                                        ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
