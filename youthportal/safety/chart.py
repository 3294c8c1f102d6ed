"""A server-made SVG chart of the weekly moderation metrics: no JavaScript, no external files.

Four small bar charts, one per measure (screened, held, blocked, flagged, always in this order,
each named above its bars), sharing the weeks. Each series has its own place, its own colour (at
least 3:1 against white, WCAG 1.4.11) *and* its own fill pattern, so the chart never relies on
colour alone; the swatch by each name is the legend. The SVG is an image for
assistive technology (role="img" with a translated <title> and <desc>); the table next to it
holds every number. Only presentation attributes are used (the Content-Security-Policy forbids
inline styles). Every text that goes in is escaped; the result is Markup only at the end.
"""

import math
from dataclasses import dataclass

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from youthportal.safety.metrics import WeekRow

INK = "#1b1f24"
GRID = "#c5cbd3"


@dataclass(frozen=True)
class Series:
    key: str
    label: object  # lazy string
    colour: str
    pattern: str  # solid, stripes, crosshatch, dots


SERIES = (
    Series("screened", _l("Screened"), "#0b5cad", "solid"),
    Series("held", _l("Held for review"), "#9a4a00", "stripes"),
    Series("blocked", _l("Blocked"), "#b00020", "crosshatch"),
    Series("flagged", _l("Flagged"), "#3d3d3d", "dots"),
)

WIDTH = 760
LEFT, RIGHT, TOP = 64, 12, 8
TITLE_H, PLOT_H, PANEL_GAP = 28, 76, 18
PANEL = TITLE_H + PLOT_H + PANEL_GAP
AXIS_H = 30
MAX_BAR = 40
LABEL_SPACE = 72  # room a short date needs under the axis


def _e(value) -> str:
    return str(escape(str(value)))


def _nice_step(peak: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 x 10^n) giving about `ticks` gridlines up to the peak."""
    if peak <= ticks:
        return 1
    raw = peak / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)  # pragma: no cover


def _pattern(prefix: str, series: Series) -> str:
    c = series.colour
    ident = f"{prefix}-{series.key}"
    if series.pattern == "stripes":
        body = f'<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="{c}"/>'
        extra = ' patternTransform="rotate(45)"'
    elif series.pattern == "crosshatch":
        body = (
            f'<rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="6" height="2" fill="{c}"/><rect width="2" height="6" fill="{c}"/>'
        )
        extra = ' patternTransform="rotate(45)"'
    elif series.pattern == "dots":
        body = (
            f'<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.8" fill="{c}"/>'
        )
        extra = ""
    else:
        return ""
    return (
        f'<pattern id="{_e(ident)}" width="6" height="6" patternUnits="userSpaceOnUse"{extra}>'
        f"{body}</pattern>"
    )


def _fill(prefix: str, series: Series) -> str:
    if series.pattern == "solid":
        return series.colour
    return f"url(#{_e(prefix)}-{series.key})"


def weekly_chart(rows: list[WeekRow], *, id_prefix: str = "metrics-chart") -> Markup:
    """Small multiples: one bar chart per measure, one above the other, sharing the weeks.

    Each measure gets its own scale (held and blocked are small next to screened and would be
    unreadable on a shared one) and its own place, name, colour and pattern."""
    if not rows:
        return Markup("")
    weeks = len(rows)
    plot_w = WIDTH - LEFT - RIGHT
    height = TOP + len(SERIES) * PANEL + AXIS_H
    group = plot_w / weeks
    bar = min(group * 0.7, MAX_BAR)
    label_every = max(1, math.ceil(LABEL_SPACE / group))

    first = format_date(rows[0].start, "medium")
    last = format_date(rows[-1].start, "medium")
    title = _("Moderation activity per week")
    desc = _(
        "Four bar charts, one above the other, each with its own scale: items screened, held "
        "for review, blocked, and flags raised, for each week from the week of %(first)s to "
        "the week of %(last)s. The table below gives every number.",
        first=first,
        last=last,
    )
    p = _e(id_prefix)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{p}-title {p}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">',
        f'<title id="{p}-title">{_e(title)}</title>',
        f'<desc id="{p}-desc">{_e(desc)}</desc>',
        "<defs>",
        *(_pattern(id_prefix, s) for s in SERIES),
        "</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]

    for n, s in enumerate(SERIES):
        panel_top = TOP + n * PANEL
        plot_top = panel_top + TITLE_H
        base_y = plot_top + PLOT_H
        peak = max(getattr(row, s.key) for row in rows)
        step = _nice_step(peak, ticks=2)
        top_value = max(step, math.ceil(peak / step) * step)

        def y_of(value: int, base_y=base_y, top_value=top_value) -> float:
            return base_y - value / top_value * PLOT_H

        out.append(f'<g class="series-{s.key}">')
        # The panel's name with a swatch: together the four names are the legend.
        out.append(
            f'<rect x="{LEFT}" y="{panel_top + 2}" width="18" height="18" '
            f'fill="{_fill(id_prefix, s)}" stroke="{s.colour}" stroke-width="2"/>'
            f'<text x="{LEFT + 26}" y="{panel_top + 16}" font-size="16" font-weight="bold" '
            f'fill="{INK}">{_e(s.label)}</text>'
        )
        value = 0
        while value <= top_value:
            y = y_of(value)
            out.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                f'stroke="{GRID}" stroke-width="1"/>'
                f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="14" '
                f'fill="{INK}">{_e(format_decimal(value))}</text>'
            )
            value += step
        for w, row in enumerate(rows):
            count = getattr(row, s.key)
            if not count:
                continue
            y = y_of(count)
            x = LEFT + w * group + (group - bar) / 2
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{base_y - y:.1f}" '
                f'fill="{_fill(id_prefix, s)}" stroke="{s.colour}" stroke-width="1.5"/>'
            )
        out.append(
            f'<line x1="{LEFT}" y1="{base_y}" x2="{WIDTH - RIGHT}" y2="{base_y}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        out.append("</g>")

    # The weeks, under the last chart.
    axis_y = TOP + len(SERIES) * PANEL - PANEL_GAP + 18
    out.append(f'<g font-size="14" fill="{INK}">')
    for w, row in enumerate(rows):
        if w % label_every == 0:
            x = LEFT + w * group + group / 2
            out.append(
                f'<text x="{x:.1f}" y="{axis_y}" text-anchor="middle">'
                f"{_e(format_date(row.start, 'short'))}</text>"
            )
    out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text above went through escape()
