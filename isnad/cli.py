"""The `isnad` command: build the graph from a corpus, query it, export it, serve it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from isnad import __version__
from isnad.build import BuildError, BuildSummary, build
from isnad.graph.diff import diff_stores
from isnad.graph.explain import ExplainError, explain
from isnad.graph.export import DUMP_FORMATS, dump
from isnad.graph.facts_export import fact_records, records_as_csv, records_as_jsonl
from isnad.graph.iris import Iris
from isnad.graph.query import GRAPH_FORMATS, RESULT_FORMATS, QueryError, run_query, serialize_answer
from isnad.graph.saved_queries import ParameterError, SavedQueryError, get_saved_query, load_saved_queries
from isnad.graph.store import GraphStore, StoreError
from isnad.graph.validation import format_report, validate_store
from isnad.ingest import ingest
from isnad.loaders.corpus import CorpusError, article_from_options, read_article
from isnad.resources import bundled_corpus_dir
from isnad.settings import Settings, SettingsError

app = typer.Typer(
    name="isnad",
    help="Isnad: a knowledge graph of the US–Iraq security relationship, built from Arabic news, "
    "every fact traced to the sentence that states it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(
    help="Export the graph: a dump in an RDF syntax (the default), or the flat fact records.",
    invoke_without_command=True,
)
app.add_typer(export_app, name="export")
queries_app = typer.Typer(help="The saved queries: an analyst's library of questions with typed parameters.",
                          no_args_is_help=True)
app.add_typer(queries_app, name="queries")

err = Console(stderr=True)
out = Console()

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Store folder (env ISNAD_STORE; default: a per-user data folder).", show_default=False
    ),
]
BaseIriOption = Annotated[
    str | None,
    typer.Option("--base-iri", help="Base IRI of the graph's data (env ISNAD_BASE_IRI).", show_default=False),
]
CorpusOption = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Folder of articles: NAME.txt with NAME.json beside it (default: the bundled corpus).",
        show_default=False,
    ),
]

USER_ERRORS = (CorpusError, StoreError, BuildError, SettingsError, QueryError, ParameterError, SavedQueryError)


def fail(message: str, code: int = 1) -> NoReturn:
    # escape: messages quote user input and package specs such as isnad[dask], which are not markup
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def settings_from(**options: object) -> Settings:
    try:
        return Settings.from_env(**options)
    except SettingsError as exc:
        fail(str(exc))


def print_summary(summary: BuildSummary) -> None:
    table = Table(title=f"Built {summary.store} ({summary.generation})", show_header=False)
    table.add_row("articles", str(summary.articles))
    table.add_row("claims", str(summary.claims))
    for kind, count in summary.triples_by_graph.items():
        table.add_row(f"triples: {kind}", f"{count:,}")
    table.add_row("seconds", f"{summary.seconds:.2f}")
    table.add_row("workers", str(summary.workers) if summary.workers else "dask cluster")
    for stage, seconds in summary.stages.items():
        table.add_row(f"seconds: {stage}", f"{seconds:.2f}")
    err.print(table)
    if summary.changes:
        err.print(f"Changes since the previous build: {summary.changes}", highlight=False)


def run_build(
    settings: Settings, corpus: Path | None, allow_invalid: bool = False, includes: tuple[Path, ...] = ()
) -> BuildSummary:
    corpus_dir = corpus or bundled_corpus_dir()
    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as progress:
        task = progress.add_task("", total=len(list(Path(corpus_dir).glob("*.txt"))) or None)
        summary = build(
            settings, corpus_dir, allow_invalid=allow_invalid, includes=includes,
            on_article=lambda a: progress.update(task, advance=1, description=a.id),
        )
    print_summary(summary)
    return summary


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"isnad {__version__}")
        raise typer.Exit()


@app.command("build")
def build_command(
    corpus: CorpusOption = None,
    store: StoreOption = None,
    base_iri: BaseIriOption = None,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Switch the new graph in even if it breaks the SHACL shapes.")
    ] = False,
    include: Annotated[
        list[Path] | None,
        typer.Option("--include", help="Hand-curated RDF to build in as well (.trig, .nq or .ttl); repeatable."),
    ] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Processes extracting articles (env ISNAD_BUILD_WORKERS; default: one per core, fewer "
        "for a small corpus). 1 extracts in this process; the graph is the same either way.", show_default=False,
    )] = None,
    executor: Annotated[str | None, typer.Option(
        "--executor", help="Where extraction runs (env ISNAD_BUILD_EXECUTOR): 'local' processes (default), "
        "'dask' (a local Dask cluster of --workers processes) or 'dask://HOST:PORT' (a running Dask scheduler; "
        "its workers need isnad installed).", show_default=False,
    )] = None,
) -> None:
    """Build the graph from a corpus folder into the store.

    The new graph is written beside the current one and switched in only when it is complete and valid
    (SHACL, ontology/shapes.ttl); a failed, invalid or interrupted build leaves the previous graph as it was."""
    settings = settings_from(store=store, base_iri=base_iri, build_workers=workers, build_executor=executor)
    try:
        run_build(settings, corpus, allow_invalid, tuple(include or ()))
    except USER_ERRORS as exc:
        fail(str(exc))


@app.command("ingest")
def ingest_command(
    file: Annotated[Path, typer.Argument(help="The article: a UTF-8 text file (NAME.txt).", show_default=False)],
    date: Annotated[str | None, typer.Option("--date", help="Publication date (ISO: 2024-01-25, 2024-01 or 2024), "
                                               "when there is no NAME.json record beside the file.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Headline (default: the first line).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet that published it.")] = None,
    store: StoreOption = None,
) -> None:
    """Add one article to the graph without a rebuild: all of its claims or none.
    Ingesting the same article (same file name) again replaces its claims."""
    settings = settings_from(store=store)
    try:
        if file.with_suffix(".json").exists() and date is None:
            article = read_article(file)
        elif date is not None:
            article = article_from_options(file, date, title, outlet)
        else:
            fail(f"{file}: no metadata record {file.with_suffix('.json').name} beside it; "
                 "give the publication date with --date (and --title, --outlet if known)")
        summary = ingest(settings, article)
    except USER_ERRORS as exc:
        fail(str(exc))
    verb = "replaced" if summary.replaced else "added"
    err.print(f"{verb} article {summary.article}: {summary.quads_added} quads in, {summary.quads_removed} out, "
              f"{summary.seconds:.2f} s")


@app.command("query")
def query_command(
    query: Annotated[str | None, typer.Argument(help="SPARQL query text (or use --file).", show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from this file.")] = None,
    output_format: Annotated[
        str, typer.Option("--format", help=f"table, or one of: {', '.join([*RESULT_FORMATS, *GRAPH_FORMATS])}.")
    ] = "table",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query on the store. The default graph is the union of all graphs;
    prefixes such as isnad:, schema:, prov: and skos: are predeclared."""
    if (query is None) == (file is None):
        fail("give the query text or --file FILE (one of them)", 2)
    if file is not None:
        try:
            query = file.read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror}")
    settings = settings_from(store=store)
    try:
        answer = run_query(GraphStore(settings.store).open_read(), query or "")
        if output_format == "table":
            print_table(answer)
        else:
            sys.stdout.buffer.write(serialize_answer(answer, output_format))
            sys.stdout.flush()
    except USER_ERRORS as exc:
        fail(str(exc))


def print_table(answer) -> None:
    if answer.kind == "boolean":
        out.print(str(bool(answer.result)).lower())
        return
    if answer.kind == "triples":
        sys.stdout.buffer.write(serialize_answer(answer, "turtle"))
        return
    variables = [v.value for v in answer.result.variables]
    table = Table(*variables)
    for solution in answer.result:
        table.add_row(*[_cell(solution[v]) for v in variables])
    out.print(table)


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value


@queries_app.command("list")
def queries_list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the metadata as JSON.")] = False,
) -> None:
    """List the saved queries with their parameters."""
    try:
        queries = load_saved_queries()
    except USER_ERRORS as exc:
        fail(str(exc))
    if as_json:
        out.print_json(json.dumps([q.metadata() for q in queries.values()], ensure_ascii=False))
        return
    table = Table("name", "title", "parameters")
    for query in queries.values():
        params = ", ".join(f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in query.parameters)
        table.add_row(query.name, query.title, params)
    out.print(table)


@queries_app.command("run")
def queries_run_command(
    name: Annotated[str, typer.Argument(help="The saved query's name ('isnad queries list').", show_default=False)],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as KEY=VALUE; repeatable.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, json, csv or tsv.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a saved query, its parameters bound as typed RDF terms."""
    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--param {item!r}: write it as KEY=VALUE", 2)
        values[key.strip()] = value
    settings = settings_from(store=store)
    try:
        saved = get_saved_query(name)
        graph_store = GraphStore(settings.store).open_read()
        answer = run_query(graph_store, saved.bind(values, Iris(settings.base_iri), graph_store))
        if output_format == "table":
            print_table(answer)
        else:
            sys.stdout.buffer.write(serialize_answer(answer, output_format))
    except USER_ERRORS as exc:
        fail(str(exc))


@export_app.callback()
def export_command(
    ctx: typer.Context,
    output_format: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(DUMP_FORMATS)}.")] = "nquads",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """Dump the whole dataset (every claim graph, provenance, ontology and inferred graph)."""
    if ctx.invoked_subcommand is not None:
        return
    if output_format not in DUMP_FORMATS:
        fail(f"unknown format {output_format!r}; use one of {', '.join(DUMP_FORMATS)}", 2)
    settings = settings_from(store=store)
    try:
        graph_store = GraphStore(settings.store).open_read()
        if output is None:
            dump(graph_store, output_format, sys.stdout.buffer)
        else:
            with open(output, "wb") as target:
                dump(graph_store, output_format, target)
    except USER_ERRORS as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


@export_app.command("facts")
def export_facts_command(
    output_format: Annotated[str, typer.Option("--format", help="jsonl (one JSON object a line) or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """The flat fact records (../shared/FACTS.md): one entity record per entity, one record per fact with its
    evidence; read back from the graph by SPARQL."""
    if output_format not in ("jsonl", "csv"):
        fail(f"unknown format {output_format!r}; use jsonl or csv", 2)
    settings = settings_from(store=store)
    try:
        records = list(fact_records(GraphStore(settings.store).open_read(), Iris(settings.base_iri)))
    except USER_ERRORS as exc:
        fail(str(exc))
    text = records_as_jsonl(records) if output_format == "jsonl" else records_as_csv(records)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command("validate")
def validate_command(store: StoreOption = None) -> None:
    """Check the store against the SHACL shapes and print each violation with the labels of what it is about.
    Exit code 1 when there are violations (warnings alone do not fail)."""
    settings = settings_from(store=store)
    try:
        report = validate_store(GraphStore(settings.store).open_read())
    except USER_ERRORS as exc:
        fail(str(exc))
    sys.stdout.write(format_report(report) + "\n")  # plain text, never re-wrapped: IRIs stay whole
    if not report.conforms:
        raise typer.Exit(1)


@app.command("explain")
def explain_command(
    subject: Annotated[str, typer.Argument(help="IRI, prefixed name (isnad:…) or label (Arabic or English).")],
    predicate: Annotated[str, typer.Argument(help="IRI, prefixed name or local name (e.g. backedBy).")],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="IRI, prefixed name, label or literal.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the derivation tree as JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """Why the graph holds a triple: stated by which articles (with their Arabic quotes), curated, or derived
    by which rule from which premises, down to the articles."""
    settings = settings_from(store=store)
    try:
        tree = explain(GraphStore(settings.store).open_read(), Iris(settings.base_iri), subject, predicate, obj)
    except (*USER_ERRORS, ExplainError) as exc:
        fail(str(exc))
    if as_json:
        out.print_json(json.dumps(tree.to_json(), ensure_ascii=False))
    else:
        out.print(tree.to_text(), highlight=False, markup=False, soft_wrap=True)


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="The store before (a store folder).", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The store after.", show_default=False)],
    details: Annotated[bool, typer.Option("--details", help="List every claim that changed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole difference as JSON.")] = False,
    base_iri: BaseIriOption = None,
) -> None:
    """What changed from one graph to another: claims that appeared, disappeared or changed, by kind, and
    inferred triples that appeared or disappeared, by property."""
    settings = settings_from(base_iri=base_iri)
    try:
        difference = diff_stores(GraphStore(old).open_read(), GraphStore(new).open_read(), Iris(settings.base_iri))
    except USER_ERRORS as exc:
        fail(str(exc))
    if as_json:
        out.print_json(json.dumps(difference.as_dict(), ensure_ascii=False))
        return
    table = Table("kind", "added", "removed", "changed", title=f"{old} → {new}")
    for kind, (added, removed, changed) in difference.by_kind().items():
        table.add_row(kind, str(added), str(removed), str(changed))
    for prop in sorted({*difference.inferred_added, *difference.inferred_removed}):
        table.add_row(f"inferred {prop}", str(difference.inferred_added[prop]),
                      str(difference.inferred_removed[prop]), "")
    out.print(table if not difference.empty else difference.summary())
    if details:
        for label, groups in (("+", difference.claims_added), ("-", difference.claims_removed),
                              ("~", difference.claims_changed)):
            for kind, claims in groups.items():
                for claim in claims:
                    out.print(f"{label} {kind} {claim}", highlight=False)


@app.command("info")
def info_command(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """What is in the store: graphs, counts, when it was built and from which corpus."""
    settings = settings_from(store=store)
    try:
        info = GraphStore(settings.store).build_info()
    except USER_ERRORS as exc:
        fail(str(exc))
    info = {"store": str(settings.store), **info}
    if as_json:
        out.print_json(json.dumps(info, ensure_ascii=False))
        return
    table = Table(show_header=False, title=f"Isnad store {settings.store}")
    for key, value in info.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                table.add_row(f"{key}: {sub}", f"{count:,}" if isinstance(count, int) else str(count))
        else:
            table.add_row(key, str(value))
    out.print(table)


@app.command("serve")
def serve_command(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    corpus: CorpusOption = None,
    base_iri: BaseIriOption = None,
    query_timeout: Annotated[float | None, typer.Option(
        "--query-timeout", help="Seconds a SPARQL query may run before it is stopped (env ISNAD_QUERY_TIMEOUT; "
        "default 30).", show_default=False)] = None,
    max_rows: Annotated[int | None, typer.Option(
        "--max-rows", help="Most rows (or triples) in one answer (env ISNAD_MAX_ROWS; default 10000).",
        show_default=False)] = None,
    service_allow: Annotated[list[str] | None, typer.Option(
        "--service-allow", help="A SPARQL endpoint that SERVICE may call (repeat, or comma-separate; env "
        "ISNAD_SERVICE_ALLOW). Default: none, federated queries are off.", show_default=False)] = None,
    query_workers: Annotated[int | None, typer.Option(
        "--query-workers", help="Worker processes evaluating queries (env ISNAD_QUERY_WORKERS; default: one per "
        "core).", show_default=False)] = None,
) -> None:
    """Serve the graph over HTTP: SPARQL endpoint at /sparql, entity pages under /id/, dumps at /dumps/,
    API documentation at /docs. Builds the store from the corpus first when there is none.
    Writes (SPARQL Update, POST /articles) are accepted only when ISNAD_TOKEN is set."""
    import uvicorn

    from isnad.server.app import create_app

    settings = settings_from(store=store, base_iri=base_iri, query_timeout=query_timeout, max_rows=max_rows,
                             service_allow=service_allow or None, query_workers=query_workers)
    try:
        if not GraphStore(settings.store).exists():
            err.print(f"No store at {settings.store} yet: building it first.")
            run_build(settings, corpus)
        application = create_app(settings)
    except USER_ERRORS as exc:
        fail(str(exc))
    uvicorn.run(application, host=host, port=port, log_level="info")
