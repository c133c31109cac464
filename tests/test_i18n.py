"""Generated text follows the site's language: complete catalogs, German pages, fallback, labels."""

from __future__ import annotations

import importlib.util
import logging
import re

import pytest
from babel.messages.pofile import read_po

from journeysite.publish.locales import LOCALES_DIR, catalog_path
from tests.conftest import REPO, Project

LANGUAGES = ("en", "de", "fr", "es", "nl", "pt")
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")


def _extract():
    spec = importlib.util.spec_from_file_location("messages", REPO / "scripts" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract()


@pytest.fixture(scope="module")
def marked():
    """Every message marked in the package and its templates, as `./dev messages` extracts them."""
    return _extract()


def test_the_extraction_finds_template_and_view_text(marked) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in marked if m.id}
    assert "Power/interest grid" in ids  # stakeholders/map.html
    assert "Progress towards target" in ids  # views/kpiboard.py
    assert "Service blueprint" in ids  # format/vocabulary.py, marked with N_()
    assert len(ids) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(marked, language: str) -> None:
    """Fails on a string added to a template or view but not to this language's catalog."""
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    problems = []
    for message in marked:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        translated = catalog.get(key)
        where = ", ".join(f"{path}:{line}" for path, line in message.locations)
        if translated is None:
            problems.append(f"{where}: {key!r} is not in {language}/journeysite.po")
            continue
        strings = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        if not all(strings):
            problems.append(f"{where}: {key!r} is not translated in {language}")
        wanted = set(_PLACEHOLDER.findall(key if isinstance(message.id, str) else message.id[1]))
        for text in strings:
            if text and set(_PLACEHOLDER.findall(text)) - (wanted | {"%(num)s"}):
                problems.append(f"{language}: {text!r} has placeholders {key!r} does not fill")
    assert problems == [], "\n".join(problems) + "\n(run `./dev messages`, then translate)"


def test_the_template_lists_what_the_code_marks(marked) -> None:
    """journeysite.pot is regenerated whenever marked text changes (`./dev messages`)."""
    with (LOCALES_DIR / "journeysite.pot").open("rb") as pot:
        template = read_po(pot)
    assert {m.id for m in template if m.id} == {m.id for m in marked if m.id}


def _german(project: Project, **plugin: object) -> None:
    project.configure(
        {"build_date": "2026-08-10", **plugin},
        theme={"name": "material", "language": "de"},
    )
    project.build()


def test_a_german_site_has_german_labels_and_dates(minimal: Project) -> None:
    _german(minimal)
    overview = minimal.page("portfolio/")
    text = overview.get_text(" ", strip=True)
    assert overview.html["lang"] == "de"  # Material's own labels are German too
    as_of = overview.select_one(".jm-asof")
    assert as_of.get_text() == "Zahlen zum 10.08.2026, dem Datum dieses Builds."
    assert as_of.time["datetime"] == "2026-08-10"  # machine-readable stays ISO
    assert "Figures as of" not in text
    headers = [th.get_text(strip=True) for th in overview.select("table.jm-review-list thead th")]
    assert headers == [
        "Journey",
        "Prüfung",
        "Nächste Prüfung",
        "Zuletzt geprüft",
        "Status",
        "Verantwortlich",
    ]
    first = [td.get_text(" ", strip=True) for td in overview.select("table.jm-review-list td")]
    assert "Überfällig seit 11 Tagen" in first
    assert "01.05.2026" in first  # reviewed, as German readers write dates

    stakeholder = minimal.page("stakeholders/care/").get_text(" ", strip=True)
    assert "Einfluss 4 von 5" in stakeholder
    assert "Vorgehen Eng steuern" in stakeholder
    assert "Journeys und Touchpoints" in stakeholder
    stakeholder_map = minimal.page("stakeholders/")
    assert (
        stakeholder_map.select_one("#jm-power-interest")
        .get_text(strip=True)
        .startswith("Macht-Interesse-Raster")
    )
    assert "Datentabelle:" in stakeholder_map.get_text(" ", strip=True)
    assert "Stakeholder-Map" in stakeholder_map.title.get_text()


def test_a_language_without_a_catalog_is_english_with_one_info_line(
    minimal: Project, caplog: pytest.LogCaptureFixture
) -> None:
    minimal.configure(theme={"name": "material", "language": "ja"})
    with caplog.at_level(logging.INFO):
        minimal.build()
    lines = [r.getMessage() for r in caplog.records if "no catalog" in r.getMessage()]
    assert lines == ["journeysite: no catalog for language 'ja': generated text is in English"]
    assert all(r.levelno == logging.INFO for r in caplog.records if "no catalog" in r.getMessage())
    assert "Power/interest grid" in minimal.page("stakeholders/").get_text(" ", strip=True)


def test_a_regional_language_uses_its_language_catalog(minimal: Project) -> None:
    minimal.configure(theme={"name": "material", "language": "pt-BR"})
    minimal.build()
    assert "Matriz poder/interesse" in minimal.page("stakeholders/").get_text(" ", strip=True)


def test_labels_rename_a_term_after_translation(minimal: Project) -> None:
    minimal.configure({"labels": {"persona": "customer", "personas": "customers"}})
    minimal.build()
    index = minimal.page("journeys/").get_text(" ", strip=True)
    assert "1 journey map across 1 customer." in index
    overview = minimal.page("portfolio/").get_text(" ", strip=True)
    assert "Customers 1" in overview
    assert "Nora Newcomer" in overview  # writers' text is never relabelled


def test_labels_apply_to_the_translated_word(minimal: Project) -> None:
    _german(minimal, labels={"Touchpoints": "Kontaktpunkte"})
    text = minimal.page("ownership/").get_text(" ", strip=True)
    assert "Kontaktpunkte pro Team" in text
    assert "Touchpoints pro Team" not in text


def test_journey_management_and_the_canvas_speak_german(minimal: Project) -> None:
    """The pages issues 16 and 17 added follow the language too: titles, buttons, rows, statuses."""
    minimal.write(
        "lifecycle/framework.md",
        "---\ntype: framework\ntitle: Lifecycle\nphases:\n  - {id: pay, name: Pay}\n---\n",
    )
    journey = (minimal.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    minimal.write(
        "journeys/onboarding.md",
        journey.replace("  - name: First bill\n", "  - name: First bill\n    phase: pay\n"),
    )
    minimal.write(
        "opportunities/explain-bill.md",
        "---\ntype: opportunity\ntitle: Explain the bill\nstatus: planned\nimpact: 4\n"
        "effort: 2\nmoments:\n  - {journey: onboarding, stage: First bill}\n---\n",
    )
    _german(minimal)
    journey_page = minimal.page("journeys/onboarding/")
    assert journey_page.select_one("button.jm-download").get_text(strip=True) == (
        "Map als PNG herunterladen"
    )
    work = journey_page.select_one("tr.jm-grid__work")
    assert work.th.get_text(strip=True) == "Chancen und Lösungen"
    assert "Geplant" in work.get_text(" ", strip=True)  # the status, in words
    assert minimal.page("lifecycle/").h1.get_text(strip=True).startswith("Lebenszyklus")
    matrix = minimal.page("opportunities/").select_one("#jm-impact-effort")
    assert matrix.get_text(strip=True).startswith("Wirkung-Aufwand-Matrix")
