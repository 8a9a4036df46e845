"""Settings have one home: each has a CLI option and an ISNAD_* environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_path

from isnad.executors import ExecutorError, parse_executor

DEFAULT_BASE_IRI = "https://isnad.example.org/"


def default_store_path() -> Path:
    """A per-user data directory, so the store never lands in whatever directory a command ran from."""
    return user_data_path("isnad") / "store"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    store: Path
    base_iri: str = DEFAULT_BASE_IRI
    token: str | None = None
    query_timeout: float = 30.0
    max_rows: int = 10_000
    # SPARQL SERVICE (federated queries) is refused unless the endpoint IRI is on this list.
    service_allow: tuple[str, ...] = ()
    # Worker processes that evaluate SPARQL queries for the server; 0 means one per CPU core.
    query_workers: int = 0
    # Processes that extract articles during a build; 0 means one per core (fewer for a small corpus).
    build_workers: int = 0
    # Where a build extracts: "local" processes, or "dask" / "dask://HOST:PORT" (a Dask cluster).
    build_executor: str = "local"
    # Server request limits: a SPARQL query or update's length in characters, a request body in bytes (room
    # for a 2 MB article as JSON with every character escaped), one answer in bytes, and the parameters of
    # one request (query-string pairs or form fields).
    max_query_length: int = 100_000
    max_body_bytes: int = 8_000_000
    max_result_bytes: int = 50_000_000
    max_parameters: int = 50

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first, then explicit overrides (CLI options) where they are not None."""
        env = os.environ
        try:
            settings = cls(
                store=Path(env["ISNAD_STORE"]) if env.get("ISNAD_STORE") else default_store_path(),
                base_iri=env.get("ISNAD_BASE_IRI") or DEFAULT_BASE_IRI,
                token=env.get("ISNAD_TOKEN") or None,
                query_timeout=float(env.get("ISNAD_QUERY_TIMEOUT") or 30.0),
                max_rows=int(env.get("ISNAD_MAX_ROWS") or 10_000),
                service_allow=split_list(env.get("ISNAD_SERVICE_ALLOW")),
                query_workers=int(env.get("ISNAD_QUERY_WORKERS") or 0),
                build_workers=int(env.get("ISNAD_BUILD_WORKERS") or 0),
                build_executor=env.get("ISNAD_BUILD_EXECUTOR") or "local",
                **{name: int(env[variable]) for name, variable in LIMIT_VARIABLES.items() if env.get(variable)},
            )
        except ValueError as exc:
            raise SettingsError(
                "ISNAD_QUERY_TIMEOUT / ISNAD_MAX_ROWS / ISNAD_QUERY_WORKERS / ISNAD_BUILD_WORKERS / "
                f"{' / '.join(LIMIT_VARIABLES.values())} must be numbers: {exc}"
            ) from exc
        given = {k: v for k, v in overrides.items() if v is not None}
        if "store" in given:
            given["store"] = Path(given["store"])  # type: ignore[arg-type]
        if isinstance(given.get("service_allow"), str | list):
            given["service_allow"] = split_list(given["service_allow"])  # type: ignore[arg-type]
        settings = replace(settings, **given)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        if (
            not (self.base_iri.startswith(("http://", "https://")) and self.base_iri.endswith("/"))
            or any(c in self.base_iri for c in '<>"{}|\\^` ')
        ):
            raise SettingsError(
                f"base IRI {self.base_iri!r} must be an http(s) IRI ending in '/' (ISNAD_BASE_IRI or --base-iri)"
            )
        if self.query_timeout <= 0:
            raise SettingsError("query timeout must be a positive number of seconds (ISNAD_QUERY_TIMEOUT)")
        if self.max_rows <= 0:
            raise SettingsError("max rows must be a positive integer (ISNAD_MAX_ROWS)")
        for name, variable in LIMIT_VARIABLES.items():
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name.replace('_', ' ')} must be a positive integer ({variable})")
        if self.query_workers < 0:
            raise SettingsError("query workers must be 0 (one per core) or a positive integer (ISNAD_QUERY_WORKERS)")
        if self.build_workers < 0:
            raise SettingsError("build workers must be 0 (one per core) or a positive integer (ISNAD_BUILD_WORKERS)")
        try:
            parse_executor(self.build_executor)
        except ExecutorError as exc:
            raise SettingsError(f"{exc} (ISNAD_BUILD_EXECUTOR or --executor)") from None
        for endpoint in self.service_allow:
            if not endpoint.startswith(("http://", "https://")):
                raise SettingsError(
                    f"SERVICE allow-list entry {endpoint!r} must be an http(s) IRI "
                    "(ISNAD_SERVICE_ALLOW or --service-allow)"
                )


# The request limits the server enforces, each with its environment variable.
LIMIT_VARIABLES = {
    "max_query_length": "ISNAD_MAX_QUERY_LENGTH",
    "max_body_bytes": "ISNAD_MAX_BODY_BYTES",
    "max_result_bytes": "ISNAD_MAX_RESULT_BYTES",
    "max_parameters": "ISNAD_MAX_PARAMETERS",
}


def split_list(value: str | list | tuple | None) -> tuple[str, ...]:
    """A comma-separated setting (or a list of such) as a tuple of its non-empty items."""
    if value is None:
        return ()
    parts = [value] if isinstance(value, str) else list(value)
    return tuple(item.strip() for part in parts for item in str(part).split(",") if item.strip())
