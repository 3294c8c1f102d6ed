"""Server-drawn SVG bars for poll results: no JavaScript, no external files, readable at
320 px (the SVG scales to the width of the page) and in high contrast (dark ink, bars
outlined, the number written at the end of every bar). The table next to it holds every
number; the SVG is an image with a title and a description for assistive technology."""

from markupsafe import Markup, escape

INK = "#1b1f24"
BAR = "#0b5cad"  # 7:1 against white
WINNER = "#005a32"

ROW_H, GAP, LABEL_H, WIDTH, PAD = 22, 10, 18, 320, 4


def _e(value) -> str:
    return str(escape(str(value)))


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars(
    rows: list[tuple[str, int]], *, title: str, description: str, highlight=None, ident="chart"
) -> Markup:
    """One horizontal bar per (label, value): the label above its bar, the value after."""
    peak = max((value for _, value in rows), default=0) or 1
    height = len(rows) * (LABEL_H + ROW_H + GAP) + PAD
    usable = WIDTH - 52
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{ident}-t {ident}-d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(description)}</desc>',
    ]
    y = PAD
    for n, (label, value) in enumerate(rows):
        width = max(1, round(usable * value / peak)) if value else 0
        colour = WINNER if highlight is not None and n in highlight else BAR
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="13" fill="{INK}">{_e(_short(label))}</text>'
        )
        y += LABEL_H
        if width:
            parts.append(
                f'<rect x="0" y="{y}" width="{width}" height="{ROW_H}" fill="{colour}" '
                f'stroke="{INK}" stroke-width="1"/>'
            )
        parts.append(
            f'<text x="{width + 6}" y="{y + 16}" font-size="14" font-weight="bold" '
            f'fill="{INK}">{value}</text>'
        )
        y += ROW_H + GAP
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()
