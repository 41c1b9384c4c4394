"""Small inline-SVG charts (stacked bars and stacked columns) for the HTML views of :mod:`stance.render`.

The charts are plain SVG strings: no script, no external font or file, readable when printed. Every segment
is a ``<rect>`` with a ``data-key`` attribute (the series it belongs to) and a ``<title>`` (its count), so a
reader can hover for numbers and a test can find each segment.

Examples
--------
>>> svg = stacked_bars([("NATO", {"support": 3, "threat": 1})], ["support", "threat"],
...                    {"support": "#009E73", "threat": "#0072B2"})
>>> svg.startswith("<svg") and svg.count("<rect") == 2
True
"""

from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

__all__ = ["stacked_bars", "stacked_columns"]

#: Approximate width of one character at the chart font size (12px system sans-serif), used to shorten labels.
CHAR_WIDTH = 6.6


def _fmt(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _shorten(label: str, width: float) -> str:
    room = max(int(width / CHAR_WIDTH), 4)
    return label if len(label) <= room else label[: room - 1] + "…"


def stacked_bars(rows: Sequence[tuple[str, Mapping[str, int]]], keys: Sequence[str], colours: Mapping[str, str], *,
                 width: int = 720, label_width: int = 170, bar_height: int = 18, gap: int = 6,
                 normalize: bool = False, title: str = "") -> str:
    """Horizontal stacked bars, one per row, segments in the order of ``keys``.

    Parameters
    ----------
    rows : sequence of (label, counts)
        ``counts`` maps a key to a count; keys not in ``keys`` are ignored.
    keys : sequence of str
        The series, in drawing order.
    colours : mapping of str to str
        The fill colour of each key.
    width, label_width, bar_height, gap : int
        Geometry in pixels: total width, width of the label column, bar thickness, space between bars.
    normalize : bool, default=False
        Draw shares (every bar full width) instead of counts on a common scale.
    title : str
        The accessible name of the chart.

    Returns
    -------
    str
        An ``<svg>`` element. Each bar ends with its total; each segment has a ``<title>`` with its count.

    Examples
    --------
    >>> svg = stacked_bars([("A", {"x": 1, "y": 3}), ("B", {"x": 2})], ["x", "y"], {"x": "#111111", "y": "#222222"},
    ...                    width=300, label_width=100)
    >>> svg.count('data-key="x"'), svg.count('data-key="y"')
    (2, 1)
    >>> 'width="120"' in svg  # y=3 of the largest total 4, on a 300 - 100 (labels) - 40 (totals) = 160 px scale
    True
    """
    total_width = 40  # room for the total printed after each bar
    plot = max(width - label_width - total_width, 10)
    height = len(rows) * (bar_height + gap) + gap
    largest = max((sum(counts.get(k, 0) for k in keys) for _, counts in rows), default=0) or 1
    parts = [f'<svg class="sv-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"'
             f' aria-label="{escape(title)}" font-size="12">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for i, (label, counts) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        total = sum(counts.get(k, 0) for k in keys)
        scale = plot / (total or 1) if normalize else plot / largest
        parts.append(f'<g data-row="{escape(label)}"><text x="{label_width - 6}" y="{_fmt(y + bar_height * 0.72)}"'
                     f' text-anchor="end">{escape(_shorten(label, label_width - 8))}</text>')
        x = float(label_width)
        for key in keys:
            count = counts.get(key, 0)
            if not count:
                continue
            w = count * scale
            share = f" ({count / total:.0%})" if total else ""
            parts.append(f'<rect x="{_fmt(x)}" y="{y}" width="{_fmt(w)}" height="{bar_height}"'
                         f' fill="{escape(colours[key])}" data-key="{escape(key)}" data-count="{count}">'
                         f"<title>{escape(label)}: {escape(key)} {count}{share}</title></rect>")
            x += w
        parts.append(f'<text x="{_fmt(x + 4)}" y="{_fmt(y + bar_height * 0.72)}" class="sv-total">{total}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(periods: Sequence[str], counts: Mapping[str, Mapping[str, int]], keys: Sequence[str],
                    colours: Mapping[str, str], *, width: int = 720, height: int = 150, title: str = "") -> str:
    """Vertical stacked columns, one per period (a time axis), on a common count scale.

    Parameters
    ----------
    periods : sequence of str
        The x axis, in order; periods missing from ``counts`` are drawn empty.
    counts : mapping of period to (mapping of key to count)
    keys, colours, title
        As in :func:`stacked_bars`.
    width, height : int
        Size in pixels, axis labels included.

    Returns
    -------
    str
        An ``<svg>`` element; the first and last period are written under the axis, the largest column
        total at the top left.

    Examples
    --------
    >>> svg = stacked_columns(["2025-01", "2025-02", "2025-03"], {"2025-01": {"a": 2}, "2025-03": {"a": 1, "b": 1}},
    ...                       ["a", "b"], {"a": "#111111", "b": "#222222"})
    >>> svg.count("<rect"), ">2025-01<" in svg and ">2025-03<" in svg
    (3, True)
    """
    left, bottom, top = 28, 18, 8
    plot_w, plot_h = max(width - left - 4, 10), max(height - bottom - top, 10)
    largest = max((sum(c.get(k, 0) for k in keys) for c in counts.values()), default=0) or 1
    step = plot_w / max(len(periods), 1)
    bar = max(step * 0.8, 1.0)
    parts = [f'<svg class="sv-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"'
             f' aria-label="{escape(title)}" font-size="11">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" class="sv-axis"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 9}" text-anchor="end">{largest}</text>')
    parts.append(f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>')
    for i, period in enumerate(periods):
        column = counts.get(period, {})
        total = sum(column.get(k, 0) for k in keys)
        x = left + i * step + (step - bar) / 2
        y = float(base)
        for key in keys:
            count = column.get(key, 0)
            if not count:
                continue
            h = count * plot_h / largest
            y -= h
            parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}" height="{_fmt(h)}"'
                         f' fill="{escape(colours[key])}" data-key="{escape(key)}" data-count="{count}">'
                         f"<title>{escape(period)}: {escape(key)} {count} of {total}</title></rect>")
    if periods:
        parts.append(f'<text x="{left}" y="{height - 4}">{escape(periods[0])}</text>')
        if len(periods) > 1:
            parts.append(f'<text x="{left + plot_w}" y="{height - 4}" text-anchor="end">{escape(periods[-1])}</text>')
    parts.append("</svg>")
    return "".join(parts)
