"""Templates render to the same text whether Jinja joins the pieces or we join them in batches."""

from __future__ import annotations

from pathlib import Path

from journeysite.publish.render import Renderer


def test_batched_rendering_keeps_every_piece_in_order(tmp_path: Path) -> None:
    (tmp_path / "journeysite").mkdir()
    # Thousands of pieces, runs of empty ones longer than a batch, and escaped writer text.
    (tmp_path / "journeysite/rows.html").write_text(
        "<ul>{% for i in items %}{{ '' }}{% if i % 3 == 0 %}<li>{{ i }} {{ text }}</li>{% endif %}"
        "{% endfor %}{% for i in range(9000) %}{{ '' }}{% endfor %}</ul>end",
        encoding="utf-8",
    )
    renderer = Renderer([str(tmp_path)])
    context = {"items": range(20_000), "text": "<b>&</b>"}
    expected = renderer.env.get_template("journeysite/rows.html").render(**context)
    assert renderer.render("rows.html", **context) == expected
    assert expected.count("<li>") == 6667 and expected.endswith("</ul>end")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in expected
