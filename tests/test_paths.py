"""Names and paths: pages never overwrite each other, nothing is written outside site_dir, and
links that lead out of the project are neither read nor published."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest

from journeysite.content.tree import default_dest
from tests.conftest import Project
from tests.test_errors import errors
from tests.test_format import serving  # noqa: F401 (a fixture)

PERSONA = "---\ntype: persona\nid: {id}\nname: {name}\n---\n{name}'s page.\n"
SAFE = "rename it (letters, digits and hyphens are safe everywhere)"
RESERVED = (
    "is reserved on Windows (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9): the page could not be "
    "written or checked out there"
)
CASE = "the same file on case-insensitive file systems (macOS, Windows)"
OVERWRITE = "one page would overwrite the other; rename one of them"


def persona(ident: str, name: str) -> str:
    return PERSONA.format(id=ident, name=name)


def test_names_differing_only_in_case_are_an_error(minimal: Project) -> None:
    minimal.write("Personas/Alpha.md", persona("alpha-upper", "Upper Alpha"))
    minimal.write("personas/alpha.md", persona("alpha-lower", "Lower Alpha"))
    expected = [
        "content/Personas/Alpha.md:1: error: this page is written to "
        f"`Personas/Alpha/index.html`, {CASE} as `content/personas/alpha.md`: {OVERWRITE}",
        "content/personas/alpha.md:1: error: this page is written to "
        f"`personas/alpha/index.html`, {CASE} as `content/Personas/Alpha.md`: {OVERWRITE}",
    ]
    assert errors(minimal) == expected
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in expected:
        assert f"ERROR   -  journeysite: {line}\n" in result.stderr
    assert not minimal.site.exists()


def test_unicode_normalisation_forms_collide(minimal: Project) -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"  # how macOS stores names differs
    minimal.write(f"personas/{composed}.md", persona("cafe-one", "One"))
    minimal.write(f"personas/{decomposed}.md", persona("cafe-two", "Two"))
    assert errors(minimal) == [
        f"content/personas/{decomposed}.md:1: error: this page is written to "
        f"`personas/{decomposed}/index.html`, {CASE} as `content/personas/{composed}.md`: "
        + OVERWRITE,
        f"content/personas/{composed}.md:1: error: this page is written to "
        f"`personas/{composed}/index.html`, {CASE} as `content/personas/{decomposed}.md`: "
        + OVERWRITE,
    ]


def test_a_page_in_a_folder_of_the_same_name_collides_everywhere(minimal: Project) -> None:
    minimal.write("journeys/onboarding/index.md", "# Onboarding notes\n")
    assert errors(minimal) == [
        "content/journeys/onboarding.md:1: error: this page is written to "
        "`journeys/onboarding/index.html`, the same file as "
        f"`content/journeys/onboarding/index.md`: {OVERWRITE}"
    ]
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert "content/journeys/onboarding.md:1: error: this page is written to" in result.stderr


UNSAFE_NAMES = [
    ("con.md", f"the name `con.md` {RESERVED}"),
    ("Aux.md", f"the name `Aux.md` {RESERVED}"),
    ("nul.backup.md", f"the name `nul.backup.md` {RESERVED}"),
    ("com1/rita.md", f"the name `com1` {RESERVED}"),
    ("LPT9.md", f"the name `LPT9.md` {RESERVED}"),
    ("what?.md", "the name `what?.md` holds `?`, which Windows does not allow in file names"),
    ("a<b.md", "the name `a<b.md` holds `<`, which Windows does not allow in file names"),
    ('say "hi".md', 'the name `say "hi".md` holds `"`, which Windows does not allow in file names'),
    ("a|b.md", "the name `a|b.md` holds `|`, which Windows does not allow in file names"),
    ("10:30.md", "the name `10:30.md` holds `:`, which Windows does not allow in file names"),
    ("a*.md", "the name `a*.md` holds `*`, which Windows does not allow in file names"),
    (
        "back\\slash.md",
        "the name `back\\slash.md` holds `\\`, which Windows does not allow in file names",
    ),
    ("two\nlines.md", "the name `two\\x0alines.md` holds the invisible character U+000A"),
    ("gpj.\u202emd.md", "the name `gpj.\\u202emd.md` holds the invisible character U+202E"),
    (
        "ends-with-dot..md",
        "the name `ends-with-dot.` ends with a dot or a space, which Windows drops (two names could then collide)",
    ),
    (" leading.md", "the name ` leading.md` starts with a space"),
]


@pytest.mark.parametrize(("name", "problem"), UNSAFE_NAMES, ids=[n for n, _ in UNSAFE_NAMES])
def test_names_unsafe_on_common_file_systems(minimal: Project, name: str, problem: str) -> None:
    minimal.write(f"personas/{name}", persona("rita", "Rita"))
    shown = name.replace("\n", "\\x0a").replace("\u202e", "\\u202e")
    assert errors(minimal) == [f"content/personas/{shown}:1: error: {problem}; {SAFE}"]


LOOK_ALIKES = [
    (
        "dots and slashes in an id",
        "personas/rita.md",
        "---\ntype: persona\nid: ../../etc/passwd\nname: Rita\n---\n",
        "content/personas/rita.md:3: error: id: `../../etc/passwd` is not a valid id: use "
        "lower-case letters, digits and hyphens, starting with a letter or digit (e.g. `etc-passwd`)",
    ),
    (
        "a backslash in a touchpoint id",
        "journeys/move.md",
        "---\ntype: journey\ntitle: Move\npersona: newcomer\nstages:\n  - name: A\n"
        "    touchpoints: [{name: Form, id: '..\\form'}]\n---\n",
        "content/journeys/move.md:7: error: stages[0].touchpoints[0].id: `..\\form` is not a "
        "valid id: use lower-case letters, digits and hyphens, starting with a letter or digit "
        "(e.g. `form`)",
    ),
    (
        "a Cyrillic letter in an id",
        "personas/jura.md",
        "---\ntype: persona\nid: \u0458ura\nname: Jura\n---\n",
        "content/personas/jura.md:3: error: id: `\u0458ura` is not a valid id: use lower-case "
        "letters, digits and hyphens, starting with a letter or digit (e.g. `ura`)",
    ),
    (
        "a Cyrillic letter in a reference",
        "journeys/move.md",
        "---\ntype: journey\ntitle: Move\npersona: n\u0435wcomer\nstages: [{name: A}]\n---\n",
        "content/journeys/move.md:4: error: persona: `n\u0435wcomer` is not a valid id: use "
        "lower-case letters, digits and hyphens, starting with a letter or digit (e.g. `nwcomer`)",
    ),
    (
        "a Cyrillic letter in a file name that gives the id",
        "personas/\u043enboarding.md",
        "---\ntype: persona\nname: O\n---\n",
        "content/personas/\u043enboarding.md:1: error: the file name `\u043enboarding.md` does "
        "not make a valid id: rename it to `nboarding.md` or set `id: nboarding`",
    ),
    (
        "full-width letters in an id",
        "personas/wide.md",
        "---\ntype: persona\nid: \uff52ita\nname: Rita\n---\n",
        "content/personas/wide.md:3: error: id: `\uff52ita` is not a valid id: use lower-case "
        "letters, digits and hyphens, starting with a letter or digit (e.g. `rita`)",
    ),
]


@pytest.mark.parametrize(
    ("path", "text", "expected"), [c[1:] for c in LOOK_ALIKES], ids=[c[0] for c in LOOK_ALIKES]
)
def test_unicode_look_alikes_are_not_ids(
    minimal: Project, path: str, text: str, expected: str
) -> None:
    minimal.write(path, text)
    assert errors(minimal) == [expected]


def snapshot(root: Path, skip: Path) -> dict[str, str]:
    """Every file under root (outside `skip`) with a hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and skip not in path.parents:
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_tricky_names_build_inside_site_dir_without_overwriting(
    minimal: Project, tmp_path: Path
) -> None:
    names = {
        "personas/v1..2.md": "Dots in the name",
        "personas/Über uns.md": "Umlaut and a space",
        "personas/deep/er/and/deeper.md": "Deep",
        "personas/index-of..things.md": "Index of things",
        "personas/日本語.md": "Japanese",
    }
    for n, (path, name) in enumerate(names.items()):
        minimal.write(path, persona(f"p{n}", name))
    before = snapshot(tmp_path, minimal.site)
    minimal.build()
    assert snapshot(tmp_path, minimal.site) == before  # nothing written outside site_dir
    assert sorted(p.name for p in minimal.root.iterdir()) == ["content", "mkdocs.yml", "site"]
    for path, name in names.items():
        page = minimal.page(path.removesuffix(".md") + "/")
        assert page.select_one("article h1").get_text(strip=True) == name
    outputs = {
        default_dest(p.relative_to(minimal.content).as_posix())
        for p in minimal.content.rglob("*.md")
    }
    assert len(outputs) == len(list(minimal.content.rglob("*.md")))  # one page each
    assert all((minimal.site / output).is_file() for output in outputs)


def test_link_to_a_file_outside_the_project_is_neither_read_nor_published(
    minimal: Project, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntype: persona\nname: TOKEN-1234\n---\nTOKEN-1234\n", encoding="utf-8")
    os.symlink(secret, minimal.content / "personas/leak.md")
    expected = (
        f"content/personas/leak.md:1: error: this file is a link to `{secret}`, outside the "
        "project: MkDocs would publish what it points to; copy the content in or remove the link"
    )
    assert errors(minimal) == [expected]
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert f"ERROR   -  journeysite: {expected}\n" in result.stderr
    assert "TOKEN-1234" not in result.stderr


@pytest.mark.usefixtures("serving")
def test_served_portal_drops_links_out_and_keeps_the_rest(minimal: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("TOKEN-1234\n", encoding="utf-8")
    (outside / "key.txt").write_text("TOKEN-1234\n", encoding="utf-8")
    os.symlink(outside, minimal.content / "shared")
    os.symlink(outside / "key.txt", minimal.content / "key.txt")
    minimal.build()
    published = [p.relative_to(minimal.site).as_posix() for p in minimal.site.rglob("*")]
    assert not [p for p in published if p.startswith(("shared", "key"))]
    assert not [
        p for p in minimal.site.rglob("*") if p.is_file() and b"TOKEN-1234" in p.read_bytes()
    ]
    assert minimal.page("journeys/onboarding/").select_one("article h1").get_text() == "Onboarding"


def test_link_to_dev_zero_is_refused_without_reading(minimal: Project) -> None:
    os.symlink("/dev/zero", minimal.content / "zero.md")
    tracemalloc.start()
    try:
        lines = errors(minimal)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert lines == [
        "content/zero.md:1: error: this file is a link to `/dev/zero`, outside the project: "
        "MkDocs would publish what it points to; copy the content in or remove the link"
    ]
    assert peak < 10_000_000
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert "content/zero.md:1: error: this file is a link to `/dev/zero`" in result.stderr


def test_folder_link_loop_is_an_error_not_a_crash(minimal: Project) -> None:
    os.symlink(".", minimal.content / "loop")
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("content/loop") == 1
    assert (
        "ERROR   -  journeysite: content/loop:1: error: this folder is a link to a folder that "
        "contains it: MkDocs would walk it forever; remove the link\n" in result.stderr
    )


def test_links_inside_the_project_are_fine(minimal: Project) -> None:
    (minimal.root / "CHANGELOG.md").write_text("# Changes\n\n- First release\n", encoding="utf-8")
    os.symlink("../CHANGELOG.md", minimal.content / "changelog.md")
    assert errors(minimal) == []
    minimal.build()
    assert "First release" in minimal.page("changelog/").select_one("article").get_text()
