"""Named points where a build or ingest can be made to fail on purpose, for fault-injection tests.

ISNAD_FAILPOINTS="load=raise" raises at the 'load' point; "switch=pause" prints a marker line to stderr
and sleeps, so a test can SIGKILL the process exactly there. Unset (the normal case), each point is a
dictionary look-up and nothing more."""

from __future__ import annotations

import os
import sys
import time

PAUSE_SECONDS = 120


class FailpointError(RuntimeError):
    pass


def failpoint(name: str) -> None:
    spec = os.environ.get("ISNAD_FAILPOINTS")
    if not spec:
        return
    actions = dict(item.split("=", 1) for item in spec.split(",") if "=" in item)
    action = actions.get(name)
    if action == "raise":
        raise FailpointError(f"failpoint {name!r} triggered (ISNAD_FAILPOINTS)")
    if action == "pause":
        print(f"ISNAD-FAILPOINT-PAUSED {name}", file=sys.stderr, flush=True)
        time.sleep(PAUSE_SECONDS)
