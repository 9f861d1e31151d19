"""The report's charts as inline SVG, built by hand: no script, no font or file to fetch, every
text from data escaped. Each function returns markup ready to put in a page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# colours of the shipped zones; a scheme's own zone names get the neutral one
ZONE_COLOURS = {"hijau": "#2e7d32", "kuning": "#f9a825", "merah": "#c62828"}
NEUTRAL = "#607d8b"
NAME_CHARS = 34
# a name above its bar on a phone has the whole width
COMPACT_NAME_CHARS = 46


def zone_colour(zone: str | None) -> str:
    return ZONE_COLOURS.get((zone or "").lower(), NEUTRAL)


def shade(colour: str, step: int, steps: int) -> str:
    """`colour` lightened towards white for the `step`-th of `steps` components."""
    if steps <= 1:
        return colour
    mix = 0.6 * step / (steps - 1)
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * mix):02x}" for c in channels)


def _short(name: str, chars: int = NAME_CHARS) -> str:
    return name if len(name) <= chars else name[: chars - 1] + "…"


@dataclass(frozen=True)
class Segment:
    component: str  # its code: the shade of its place in the scheme
    value: float  # weighted score
    title: str  # what a pointer over it shows


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    zone: str
    value_text: str
    segments: Sequence[Segment]
    href: str | None = None


def ranking_bars(bars: Sequence[Bar], components: Sequence[str], compact: bool = False) -> Markup:
    """Ranked horizontal bars on a 0–100 axis, coloured by zone, each split into the weighted
    score of every component (lighter shades for later components). `compact` (for phones)
    writes each name above its bar instead of beside it."""
    if compact:
        row, label_w, plot_w, value_w, name_h = 34, 0, 300, 50, 13
    else:
        row, label_w, plot_w, value_w, name_h = 20, 250, 420, 60, 0
    width, top = label_w + plot_w + value_w + 4, 22
    height = top + row * len(bars) + 6
    scale = plot_w / 100
    kind = "bars-compact" if compact else "bars-wide"
    parts = [
        f'<svg class="bars {kind}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">'
    ]
    for tick in range(0, 101, 25):
        x = label_w + tick * scale + (2 if compact else 0)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 4}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" fill="#666">{tick}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * row
        name = escape(_short(bar.label, COMPACT_NAME_CHARS if compact else NAME_CHARS))
        if compact:
            label = f'<text x="2" y="{y + 11}"><title>{escape(bar.title)}</title>{name}</text>'
        else:
            label = (
                f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
                f"<title>{escape(bar.title)}</title>{name}</text>"
            )
        if bar.href:
            label = f'<a href="{escape(bar.href)}">{label}</a>'
        parts.append(label)
        x = label_w + (2 if compact else 0)
        bar_y = y + 3 + name_h
        base = zone_colour(bar.zone)
        for segment in bar.segments:
            w = max(segment.value, 0) * scale
            step = components.index(segment.component) if segment.component in components else 0
            parts.append(
                f'<rect x="{x:.2f}" y="{bar_y}" width="{w:.2f}" height="14" '
                f'fill="{shade(base, step, len(components))}">'
                f"<title>{escape(segment.title)}</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{x + 4:.1f}" y="{bar_y + 11}" fill="#222">{escape(bar.value_text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def component_legend(labels: Sequence[str]) -> Markup:
    """Swatches of the component shades, on the neutral colour, named by `labels` (in the
    scheme's order)."""
    items = "".join(
        f'<span class="swatch"><svg width="12" height="12" aria-hidden="true">'
        f'<rect width="12" height="12" fill="{shade(NEUTRAL, i, len(labels))}"/></svg> '
        f"{escape(name)}</span>"
        for i, name in enumerate(labels)
    )
    return Markup(items)


def history_chart(points: Sequence[dict], index_word: str) -> Markup:
    """The index of the last quarters as a line on 0–100, each point in its zone's colour and
    labelled with the rank (`#3/40`); under each, its `quarter_text` and `year_text`."""
    width, height, left, right, top, bottom = 440, 230, 34, 10, 34, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">'
        f"<title>{escape(index_word)}</title>"
    ]
    for tick in range(0, 101, 25):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#666">{tick}</text>'
        )

    def x_of(i: int) -> float:
        # the middle of the quarter's slot: no point on the axis' labels
        return left + plot_w * (i + 0.5) / n

    def y_of(value: float) -> float:
        return top + plot_h * (1 - float(value) / 100)

    line = " ".join(f"{x_of(i):.1f},{y_of(p['index_score']):.1f}" for i, p in enumerate(points))
    if n > 1:
        parts.append(f'<polyline points="{line}" fill="none" stroke="#455a64" stroke-width="2"/>')
    for i, p in enumerate(points):
        x, y = x_of(i), y_of(p["index_score"])
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{zone_colour(p["zone"])}">'
            f"<title>{escape(p['quarter_text'])} {escape(p['year_text'])}: "
            f"{escape(p['index_text'])}</title></circle>"
            f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle">#{p["rank"]}/'
            f"{p['group_size']}</text>"
            f'<text x="{x:.1f}" y="{height - 22}" text-anchor="middle" fill="#444">'
            f"{escape(p['quarter_text'])}</text>"
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="#666" '
            f'font-size="11">{escape(p["year_text"])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def score_vs_median(rows: Sequence[dict], median_word: str) -> Markup:
    """One bar per component (its 0–100 score) with a tick at the group's median."""
    row, label_w, plot_w, value_w = 24, 200, 200, 50
    width, top = label_w + plot_w + value_w, 8
    height = top + row * len(rows) + 20
    scale = plot_w / 100
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">'
    ]
    for i, r in enumerate(rows):
        y = top + i * row
        score = r["score"] or 0
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
            f"<title>{escape(r['label'])}</title>{escape(_short(r['label'], 30))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{plot_w}" height="{row - 8}" fill="#eceff1"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{score * scale:.2f}" height="{row - 8}" '
            f'fill="#546e7a"/>'
            f'<text x="{label_w + plot_w + 6}" y="{y + 15}">{escape(r["score_text"])}</text>'
        )
        if r["group_median"] is not None:
            mx = label_w + r["group_median"] * scale
            parts.append(
                f'<line x1="{mx:.2f}" y1="{y + 1}" x2="{mx:.2f}" y2="{y + row - 1}" '
                f'stroke="#d84315" stroke-width="3"><title>{escape(median_word)}: '
                f"{escape(r['median_text'])}</title></line>"
            )
    y = top + row * len(rows) + 14
    parts.append(
        f'<line x1="{label_w}" y1="{y - 4}" x2="{label_w + 14}" y2="{y - 4}" stroke="#d84315" '
        f'stroke-width="3"/><text x="{label_w + 20}" y="{y}">{escape(median_word)}</text></svg>'
    )
    return Markup("".join(parts))


def absorption_chart(
    spent: Mapping[int, float | None],
    targets: Mapping[int, float | None],
    labels: tuple[str, str],
    quarter_names: Sequence[str],
    percent: Callable[[float], str],
) -> Markup:
    """The OPD's cumulative absorption per quarter of the year (`spent`, the quarters published
    so far) against the scheme's cumulative target of each quarter (`targets`), on 0–100 % over
    quarters 1–4 (named by `quarter_names`); `labels` name the two lines, `percent` writes a
    value."""
    width, height, left, right, top, bottom = 440, 200, 34, 24, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(quarter: int) -> float:
        # the middle of the quarter's quarter of the width: no point on the axis' labels
        return left + plot_w * (quarter - 0.5) / 4

    def y_of(value: float) -> float:
        return top + plot_h * (1 - min(float(value), 100) / 100)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">'
    ]
    for tick in range(0, 101, 25):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#666">{tick}</text>'
        )
    for q, name in zip((1, 2, 3, 4), quarter_names, strict=True):
        parts.append(
            f'<text x="{x_of(q):.1f}" y="{height - 28}" text-anchor="middle" fill="#444">'
            f"{escape(name)}</text>"
        )
    for values, colour, dash, kind in (
        (targets, "#d84315", "6 4", "target"),
        (spent, "#1565c0", "", "spent"),
    ):
        known = sorted((q, v) for q, v in values.items() if v is not None)
        line = " ".join(f"{x_of(q):.1f},{y_of(v):.1f}" for q, v in known)
        if len(known) > 1:
            parts.append(
                f'<polyline class="{kind}" points="{line}" fill="none" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="{dash}"/>'
            )
        for q, v in known:
            parts.append(
                f'<circle class="{kind}" cx="{x_of(q):.1f}" cy="{y_of(v):.1f}" r="4" '
                f'fill="{colour}"><title>{escape(quarter_names[q - 1])}: '
                f"{escape(percent(v))}</title></circle>"
            )
    y = height - 8
    parts.append(
        f'<line x1="{left}" y1="{y - 4}" x2="{left + 20}" y2="{y - 4}" stroke="#1565c0" '
        f'stroke-width="2"/><text x="{left + 26}" y="{y}">{escape(labels[0])}</text>'
        f'<line x1="{left + 170}" y1="{y - 4}" x2="{left + 190}" y2="{y - 4}" stroke="#d84315" '
        f'stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 196}" y="{y}">{escape(labels[1])}</text></svg>'
    )
    return Markup("".join(parts))
