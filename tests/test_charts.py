"""Server-drawn SVG charts: valid XML, escaped text, no inline styles or scripts."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from quizapp import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_bar_chart_draws_one_bar_per_value_scaled_to_the_largest():
    svg = parse(charts.bar_chart("c1", "Reviews", ["mon", "tue", "wed"], [2, 4, 0]))
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 3
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == 2 * heights[0] and heights[2] == 0
    assert heights[1] == charts.HEIGHT - charts.MARGIN_TOP - charts.MARGIN_BOTTOM
    assert svg.find(f"{SVG}title").text == "Reviews"
    assert svg.get("role") == "img"


def test_text_is_escaped_and_nothing_is_inline_styled():
    markup = str(charts.bar_chart("c2", "<b>x</b>", ['<script>"a"</script>'], [1]))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "style=" not in markup and "<b>" not in markup
    parse(markup)  # still well-formed XML


def test_line_chart_has_gaps_for_missing_values():
    svg = parse(
        charts.line_chart("c3", "Accuracy", ["a", "b", "c", "d", "e"], [1, 0.5, None, 0, 1])
    )
    assert len(svg.findall(f"{SVG}circle")) == 4
    lines = svg.findall(f"{SVG}polyline")
    assert len(lines) == 2  # a-b and d-e, broken at c
    ys = [float(p.split(",")[1]) for p in lines[0].get("points").split()]
    assert ys[0] == charts.MARGIN_TOP  # 100% at the top
    assert "50%" in svg.find(f"{SVG}desc").text


def test_empty_data_says_so():
    assert "No data yet" in charts.bar_chart("c4", "Scores", [], [])
    assert "No data yet" in charts.line_chart("c5", "Accuracy", ["a"], [None])


def test_many_labels_are_thinned():
    labels = [f"d{n}" for n in range(30)]
    svg = parse(charts.bar_chart("c6", "Days", labels, list(range(30))))
    ticks = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "tick"]
    x_ticks = [t for t in ticks if t.startswith("d")]
    assert len(x_ticks) <= charts.MAX_X_LABELS + 1 and "d29" in x_ticks


@pytest.mark.parametrize("n", range(1, 40))
def test_x_labels_never_overlap_and_the_last_shows(n):
    labels = [f"{n}0–{n}9%" for n in range(n)]
    svg = parse(charts.bar_chart("c8", "Scores", labels, [1] * n))
    xs = [float(t.get("x")) for t in svg.findall(f"{SVG}text") if "–" in (t.text or "")]
    assert all(b - a >= 60 for a, b in itertools.pairwise(xs))  # a label is about 55 wide
    assert labels[-1] in charts.bar_chart("c8", "Scores", labels, [1] * n)


def test_count_axis_ticks_are_whole_numbers():
    svg = parse(charts.bar_chart("c7", "Counts", ["a", "b"], [3, 1]))
    ticks = [t.text for t in svg.findall(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "2", "4"]
