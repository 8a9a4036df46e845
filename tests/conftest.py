"""Shared fixtures: real stores on disk, the installed `isnad` command, real server processes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from isnad.build import build
from isnad.resources import bundled_corpus_dir
from isnad.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def isnad_command() -> str:
    """The `isnad` console script installed beside the running interpreter."""
    candidate = Path(sys.executable).parent / "isnad"
    return str(candidate) if candidate.exists() else shutil.which("isnad") or "isnad"


def run_isnad(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 120):
    return subprocess.run(
        [isnad_command(), *args], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})}, cwd=cwd,
    )


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """The bundled corpus built once into a store on disk; tests must not write to it."""
    store = tmp_path_factory.mktemp("seed-store") / "store"
    build(Settings.from_env(store=store), bundled_corpus_dir())
    return store


@pytest.fixture
def store_copy(seed_store, tmp_path) -> Path:
    """A writable copy of the seed store (a real store on disk), for tests that change a store."""
    target = tmp_path / "store"
    shutil.copytree(seed_store, target, symlinks=True)
    return target


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in bundled_corpus_dir().iterdir():
        if path.suffix in (".txt", ".json"):
            shutil.copy(path, target / path.name)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    def __init__(self, process: subprocess.Popen, base_url: str, log: Path) -> None:
        self.process = process
        self.base_url = base_url
        self.log = log

    def output(self) -> str:
        """What the server has written to stdout and stderr so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode


def start_server(store: Path, *extra: str, env: dict | None = None, ready_timeout: float = 60) -> ServerProcess:
    port = free_port()
    # The log goes to a file, not a pipe: a pipe nobody reads fills up with access-log lines after some
    # hundreds of requests and the server then blocks writing to it.
    log = Path(tempfile.mkstemp(prefix="isnad-serve-", suffix=".log")[1])
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [isnad_command(), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port), *extra],
            stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"isnad serve exited early ({process.returncode}): {log.read_text(errors='replace')}")
        try:
            if httpx.get(base_url + "/", timeout=2).status_code == 200:
                return ServerProcess(process, base_url, log)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("isnad serve did not answer within the time limit")


@pytest.fixture(scope="module")
def served_seed_store(tmp_path_factory) -> Iterator[ServerProcess]:
    store = tmp_path_factory.mktemp("served") / "store"
    build(Settings.from_env(store=store), bundled_corpus_dir())
    server = start_server(store)
    yield server
    server.stop()
