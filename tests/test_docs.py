"""The repo explains itself, and its explanation cannot drift from the code: `docs/inputs.md`
names every rule, dataset, column and alias of the input contract, `docs/interface.md` every
published table and column, and every path the repo's text points at exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from core.contract import DATASETS, OPD_NAME_REF, PERSONAL_DATA
from core.messages import RULES
from publication.schema import log_schema
from publication.tables import published_tables

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.MULTILINE)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# `docs/…` named anywhere, in prose, comments, docstrings or YAML descriptions
DOC_REFERENCE = re.compile(r"(?<![\w/.-])(docs/[\w/.-]+\.(?:md|json))(#[\w-]+)?")
# The product specification's files are not in the repo, so nothing may point at them: no path
# in its folder, no "spec" and a colon before a file or folder name, no bare name of its scoring
# file (the docs that hold their content now are docs/methodology.md, inputs.md, interface.md).
SPEC_REFERENCE = re.compile(
    r"\bspec(?:/|:\s*`?(?:README\b|\w+\.md|\w+/)|\s+`\w+\.md)|(?<![\w/.-])scoring\.md"
)
TEXT_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".md", ".toml", ".json"}
TEXT_NAMES = {"Makefile", ".sqlfluff", "run"}


def _prose(path: Path) -> str:
    """A Markdown file without its fenced code blocks."""
    return FENCED_BLOCK.sub("", path.read_text(encoding="utf-8"))


def _sections(path: Path) -> dict[str, str]:
    """Heading text → the text under it, up to the next heading of the same or a higher level."""
    text = _prose(path)
    headings = list(HEADING.finditer(text))
    sections = {}
    for index, heading in enumerate(headings):
        level = len(heading.group(1))
        end = next(
            (h.start() for h in headings[index + 1 :] if len(h.group(1)) <= level), len(text)
        )
        sections[heading.group(2)] = text[heading.end() : end]
    return sections


def _code_spans(text: str) -> set[str]:
    return set(CODE_SPAN.findall(text))


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for _, heading in HEADING.findall(_prose(path)):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def _repo_text_files() -> list[Path]:
    """The repo's text files: tracked, or new and not ignored (so build output is left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    paths = [REPO / name for name in listed]
    return [p for p in paths if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.name in TEXT_NAMES)]


def _markdown_files() -> list[Path]:
    return [p for p in _repo_text_files() if p.suffix == ".md"]


def _points_at_nothing(target: Path, anchor: str) -> bool:
    if not target.exists():
        return True
    return bool(anchor) and target.suffix == ".md" and anchor not in _anchors(target)


# --- docs/inputs.md: the input contract and the message catalogue ---


def test_inputs_doc_names_every_rule_of_the_message_catalogue():
    named = _code_spans(_prose(DOCS / "inputs.md"))
    assert sorted(set(RULES) - named) == []


@pytest.mark.parametrize("dataset", DATASETS.values(), ids=lambda d: d.name)
def test_inputs_doc_names_every_column_and_alias_of_each_dataset(dataset):
    section = _sections(DOCS / "inputs.md").get(f"`{dataset.name}/`")
    assert section is not None, f"no section `{dataset.name}/` in docs/inputs.md"
    names = {n for c in dataset.columns for n in (c.name, *c.aliases)}
    assert sorted(names - _code_spans(section)) == []


def test_inputs_doc_names_the_opd_name_aliases_and_the_personal_data_columns():
    sections = _sections(DOCS / "inputs.md")
    assert sorted(set(OPD_NAME_REF.aliases) - _code_spans(sections["OPD by code or name"])) == []
    assert sorted(set(PERSONAL_DATA) - _code_spans(sections["Personal data"])) == []


# --- docs/interface.md: the published tables ---


def test_interface_doc_has_one_section_per_published_table():
    documented = {
        title.strip("`")
        for title, _ in _sections(DOCS / "interface.md").items()
        if title.startswith("`")
    }
    published = {table.name for table in published_tables()} | {"publication_log"}
    assert documented == published


@pytest.mark.parametrize("table", published_tables(), ids=lambda t: t.name)
def test_interface_doc_names_every_column_of_each_published_table(table):
    section = _sections(DOCS / "interface.md")[f"`{table.name}`"]
    columns = {c.name for c in table.columns} | {"publication_version"}
    assert sorted(columns - _code_spans(section)) == []


def test_interface_doc_names_every_column_of_the_publication_log():
    section = _sections(DOCS / "interface.md")["`publication_log`"]
    columns = set(log_schema().column_names)
    assert "content_sha256" in columns
    assert sorted(columns - _code_spans(section)) == []


# --- every path the repo's text points at exists ---


def test_nothing_points_at_the_specification_outside_the_repo():
    found = [
        f"{path.relative_to(REPO)}:{line_number}: {line.strip()}"
        for path in _repo_text_files()
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPEC_REFERENCE.search(line)
    ]
    assert found == []


def test_every_docs_reference_points_at_a_file_and_heading_that_exist():
    broken = [
        f"{path.relative_to(REPO)}: {match.group(0)}"
        for path in _repo_text_files()
        for match in DOC_REFERENCE.finditer(path.read_text(encoding="utf-8"))
        if _points_at_nothing(REPO / match.group(1), (match.group(2) or "").lstrip("#"))
    ]
    assert broken == []


def test_every_markdown_link_points_at_a_file_and_heading_that_exist():
    broken = []
    for path in _markdown_files():
        for target in LINK.findall(CODE_SPAN.sub("", _prose(path))):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file_part, _, anchor = target.partition("#")
            resolved = (path.parent / file_part) if file_part else path
            if _points_at_nothing(resolved, anchor):
                broken.append(f"{path.relative_to(REPO)}: {target}")
    assert broken == []


def test_every_repo_path_named_in_markdown_exists():
    """A code span such as `core/contract.py`, `docs/inputs.md#values` or
    `dbt_project/models/marts/**` whose first folder is one of the repo's names something that
    exists (placeholders such as `<home>` aside)."""
    folders = {p.relative_to(REPO).parts[0] for p in _repo_text_files() if p.parent != REPO}
    missing = []
    for path in _markdown_files():
        for span in _code_spans(_prose(path)):
            if " " in span or "<" in span or "/" not in span or span.split("/")[0] not in folders:
                continue
            name, _, anchor = span.partition("#")
            found = list(REPO.glob(name.rstrip("/")))
            if not found or (anchor and _points_at_nothing(found[0], anchor)):
                missing.append(f"{path.relative_to(REPO)}: {span}")
    assert missing == []


def test_the_exit_codes_table_is_the_one_the_commands_print():
    """docs/interface.md#exit-codes is `rapor/exit_codes.py` (which the help prints), and its
    numbers are those the commands return."""
    from rapor import runner, verify
    from rapor.cli import build_parser
    from rapor.exit_codes import EXIT_CODES, markdown_table

    assert markdown_table() in (DOCS / "interface.md").read_text(encoding="utf-8")
    run = dict(EXIT_CODES["run"])
    assert {
        runner.EXIT_PUBLISHED,
        runner.EXIT_ERROR,
        runner.EXIT_GATE_FAILED,
        runner.EXIT_BUSY,
    } == {int(code) for code in run if code.isdigit()}
    assert f"{runner.EXIT_INTERRUPTED}, 143" in run
    assert {verify.EXIT_IDENTICAL, verify.EXIT_ERROR, verify.EXIT_DIFFERENT} == {
        int(code) for code, _ in EXIT_CODES["verify"]
    }
    parser = build_parser()
    assert "exit codes" in parser.format_help()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == set(EXIT_CODES)
    for name, command in commands.items():
        assert "exit codes:" in command.format_help(), name
