"""The long load run: concurrent clients mixing SPARQL, saved queries, entity pages and dumps against a real
`isnad serve` on 127.0.0.1, with the same driver and request mix as tests/test_load.py. Reports requests,
statuses, failures (5xx, dropped connections), p50/p99 latency, and the server's RSS: peak, and the median
over the first and the last 20 s (memory that keeps climbing under steady load would show there).

    .venv/bin/python bench/bench_load.py [--store STORE] [--clients 8] [--seconds 60]

Without --store, the bundled corpus is built into a temporary store first."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))  # the driver and the server fixture live with the tests

from test_load import drain_output, run_load, warm_up  # noqa: E402

from conftest import start_server  # noqa: E402
from isnad.build import build  # noqa: E402
from isnad.resources import bundled_corpus_dir  # noqa: E402
from isnad.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--window", type=float, default=20, help="seconds compared at the start and the end")
    args = parser.parse_args()
    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp(prefix="isnad-bench-")) / "store"
        build(Settings.from_env(store=store), bundled_corpus_dir())
    server = start_server(store, ready_timeout=180)
    drain_output(server)
    try:
        warm_up(server.base_url)
        report = run_load(server.base_url, server.process.pid, args.clients, args.seconds)
    finally:
        server.stop()
    print(f"{args.clients} clients: {report.summary(args.window)}")
    print(f"failures: {len(report.failures)}")
    for failure in report.failures[:20]:
        print("  " + failure)


if __name__ == "__main__":
    main()
