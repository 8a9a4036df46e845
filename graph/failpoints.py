"""Named points where a build or ingest can be made to fail on purpose, for fault-injection tests.

ISNAD_FAILPOINTS is a comma-separated list of NAME=ACTION; NAME `*` applies to every point that has no
action of its own. Actions:

- raise: raise FailpointError there;
- pause: print "ISNAD-FAILPOINT-PAUSED NAME" to stderr and sleep, so a test can SIGKILL the process there;
- trace: print "ISNAD-FAILPOINT-REACHED NAME" and go on, so a test knows which stage a kill landed in;
- delay:SECONDS: as trace, then sleep that long (to move where a timed kill lands).

Unset (the normal case), each point is one environment look-up and nothing more."""

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
    actions = dict(item.strip().split("=", 1) for item in spec.split(",") if "=" in item)
    action = actions.get(name, actions.get("*"))
    if action == "raise":
        raise FailpointError(f"failpoint {name!r} triggered (ISNAD_FAILPOINTS)")
    if action == "pause":
        print(f"ISNAD-FAILPOINT-PAUSED {name}", file=sys.stderr, flush=True)
        time.sleep(PAUSE_SECONDS)
    elif action == "trace" or (action or "").startswith("delay:"):
        print(f"ISNAD-FAILPOINT-REACHED {name}", file=sys.stderr, flush=True)
        if action.startswith("delay:"):
            time.sleep(float(action.removeprefix("delay:")))
