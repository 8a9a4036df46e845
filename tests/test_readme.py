"""The README's first section gives exactly two commands, and CI runs the second one verbatim."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def first_section_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")
    first = sections[1]
    return [line.strip() for line in first.splitlines() if line.startswith("    ")]


def test_exactly_two_commands():
    commands = first_section_commands()
    assert len(commands) == 2
    assert "isnad serve --host 127.0.0.1 --port 8000" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert first_section_commands()[1] in ci.splitlines()
