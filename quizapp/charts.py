"""Charts as inline SVG, drawn on the server: no script, no external font, no style attributes.

Colours come from SVG presentation attributes (currentColor) and CSS classes in style.css, so
the Content-Security-Policy (no inline styles) holds. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

# Drawn small and scaled to the page: on a 390 px phone the 14-unit labels are 10-11 px.
WIDTH = 480
HEIGHT = 220
MARGIN_LEFT = 50
MARGIN_RIGHT = 16
MARGIN_TOP = 12
MARGIN_BOTTOM = 44
FONT_SIZE = 14
MAX_X_LABELS = 6


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, label: str, css: str, anchor: str = "middle") -> Markup:
    return Markup(
        '<text x="{}" y="{}" class="{}" text-anchor="{}" fill="currentColor" '
        'font-size="{}">{}</text>'
    ).format(_num(x), _num(y), css, anchor, FONT_SIZE, label)


def _frame(chart_id: str, title: str, summary: str, body: Sequence[Markup]) -> Markup:
    head = Markup(
        '<svg class="chart" id="{0}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {1} {2}" '
        'width="{1}" height="{2}" role="img" aria-labelledby="{0}-title {0}-desc">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>'
    ).format(chart_id, WIDTH, HEIGHT, title, summary)
    return head + Markup("").join(body) + Markup("</svg>")


def _axes(y_max: float, y_format: Callable[[float], str]) -> list[Markup]:
    bottom, right = HEIGHT - MARGIN_BOTTOM, WIDTH - MARGIN_RIGHT
    parts = [
        Markup(
            '<line class="axis" x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="currentColor"/>'
            '<line class="axis" x1="{0}" y1="{2}" x2="{3}" y2="{2}" stroke="currentColor"/>'
        ).format(MARGIN_LEFT, MARGIN_TOP, bottom, right)
    ]
    for fraction in (0, 0.5, 1):
        y = bottom - fraction * (bottom - MARGIN_TOP)
        parts.append(_text(MARGIN_LEFT - 6, y + 4, y_format(fraction * y_max), "tick", "end"))
        if fraction:
            parts.append(
                Markup(
                    '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
                    'stroke-opacity="0.15"/>'
                ).format(MARGIN_LEFT, _num(y), right, _num(y))
            )
    return parts


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> list[Markup]:
    step = max(1, -(-len(labels) // MAX_X_LABELS))
    shown = list(range(0, len(labels), step))
    if shown and shown[-1] != len(labels) - 1:
        # The last label always shows; it takes the place of a neighbour it would overlap.
        shown[-1 if len(labels) - 1 - shown[-1] < step else len(shown) :] = [len(labels) - 1]
    return [_text(xs[i], HEIGHT - MARGIN_BOTTOM + 18, labels[i], "tick") for i in shown]


def _empty(chart_id: str, title: str) -> Markup:
    note = _text(WIDTH / 2, HEIGHT / 2, "No data yet", "empty")
    return _frame(chart_id, title, "No data yet.", [note])


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    x_title: str = "",
    y_format: Callable[[float], str] = _num,
) -> Markup:
    """A bar chart: one bar per label, the y axis from 0 to the largest value."""
    if not values or max(values) <= 0:
        return _empty(chart_id, title)
    y_max = max(values)
    if all(float(v).is_integer() for v in values) and y_max % 2:
        y_max += 1  # counts: keep the half-way tick a whole number
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / len(values)
    bar_w = max(1.0, slot * 0.8)
    xs = [MARGIN_LEFT + slot * (i + 0.5) for i in range(len(values))]
    parts = _axes(y_max, y_format)
    for label, value, x in zip(labels, values, xs, strict=True):
        h = plot_h * value / y_max
        parts.append(
            Markup(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="currentColor">'
                "<title>{}: {}</title></rect>"
            ).format(
                _num(x - bar_w / 2),
                _num(MARGIN_TOP + plot_h - h),
                _num(bar_w),
                _num(h),
                label,
                y_format(value),
            )
        )
    parts += _x_labels(labels, xs)
    if x_title:
        parts.append(_text(MARGIN_LEFT + plot_w / 2, HEIGHT - 6, x_title, "axis-title"))
    summary = "; ".join(
        f"{label}: {y_format(value)}" for label, value in zip(labels, values, strict=True)
    )
    return _frame(chart_id, title, summary, parts)


def line_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    y_max: float = 1.0,
    y_format: Callable[[float], str] = lambda v: f"{round(v * 100)}%",
) -> Markup:
    """A line with a dot per point, y from 0 to y_max; None values are gaps."""
    if not any(v is not None for v in values):
        return _empty(chart_id, title)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / len(values)
    xs = [MARGIN_LEFT + slot * (i + 0.5) for i in range(len(values))]
    parts = _axes(y_max, y_format)
    segment: list[str] = []
    segments: list[list[str]] = [segment]
    for label, value, x in zip(labels, values, xs, strict=True):
        if value is None:
            segment = []
            segments.append(segment)
            continue
        y = MARGIN_TOP + plot_h * (1 - min(value, y_max) / y_max)
        segment.append(f"{_num(x)},{_num(y)}")
        parts.append(
            Markup(
                '<circle class="dot" cx="{}" cy="{}" r="3.5" fill="currentColor">'
                "<title>{}: {}</title></circle>"
            ).format(_num(x), _num(y), label, y_format(value))
        )
    for points in segments:
        if len(points) > 1:
            parts.append(
                Markup(
                    '<polyline class="line" points="{}" fill="none" stroke="currentColor" '
                    'stroke-width="2"/>'
                ).format(" ".join(points))
            )
    parts += _x_labels(labels, xs)
    summary = "; ".join(
        f"{label}: {y_format(value)}"
        for label, value in zip(labels, values, strict=True)
        if value is not None
    )
    return _frame(chart_id, title, summary, parts)
