"""Inline SVG charts: geometry follows the counts, labels are escaped, empty input draws an empty chart."""

import re
from html.parser import HTMLParser

from stance.charts import stacked_bars, stacked_columns

COLOURS = {"a": "#111111", "b": "#222222", "c": "#333333"}


def rects(svg):
    """(key, x, y, width, height, count) of every data rect, in document order."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "rect" and "data-key" in attrs:
                found.append((attrs["data-key"], float(attrs["x"]), float(attrs["y"]), float(attrs["width"]),
                              float(attrs["height"]), int(attrs["data-count"])))

    Collect().feed(svg)
    return found


def test_bars_share_one_scale_and_segments_are_contiguous():
    svg = stacked_bars([("one", {"a": 2, "b": 2}), ("two", {"a": 1, "c": 1})], ["a", "b", "c"], COLOURS,
                       width=340, label_width=100)
    drawn = rects(svg)
    assert [(k, n) for k, *_, n in drawn] == [("a", 2), ("b", 2), ("a", 1), ("c", 1)]
    plot = 340 - 100 - 40
    (_, x1, _, w1, _, _), (_, x2, _, w2, _, _), (_, x3, _, w3, _, _), (_, _, _, w4, _, _) = drawn
    assert x1 == 100 and x2 == x1 + w1 and abs(w1 + w2 - plot) < 0.02   # the largest total fills the plot
    assert abs(w3 + w4 - plot / 2) < 0.02 and x3 == 100                   # half the total, half the length
    assert ">4</text>" in svg and ">2</text>" in svg                       # totals printed after the bars


def test_normalized_bars_are_full_width():
    drawn = rects(stacked_bars([("x", {"a": 1, "b": 3}), ("y", {"c": 7})], ["a", "b", "c"], COLOURS,
                               width=340, label_width=100, normalize=True))
    plot = 340 - 100 - 40
    assert abs(drawn[0][3] + drawn[1][3] - plot) < 0.02 and abs(drawn[2][3] - plot) < 0.02
    assert abs(drawn[1][3] / drawn[0][3] - 3) < 0.01


def test_columns_stack_upwards_on_a_common_scale():
    svg = stacked_columns(["p1", "p2", "p3"], {"p1": {"a": 4}, "p3": {"a": 1, "b": 1}}, ["a", "b"], COLOURS,
                          width=300, height=126)
    (_, x1, y1, _, h1, _), (_, x3, y3a, _, h3a, _), (_, _, y3b, _, h3b, _) = rects(svg)
    assert abs(h1 - 100) < 0.02 and abs(h3a - 25) < 0.02 and abs(h3b - 25) < 0.02  # 126 - 18 - 8 = 100 px for 4
    assert abs(y3b + h3b - y3a) < 0.02 and abs(y1 + h1 - (y3a + h3a)) < 0.02     # b on top of a, same base line
    assert x1 < x3 and ">p1<" in svg and ">p3<" in svg and ">4</text>" in svg


def test_labels_are_escaped_and_shortened():
    svg = stacked_bars([("<b>a very long actor name & more words</b>", {"a": 1})], ["a"], COLOURS,
                       label_width=80)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "&amp;" in svg
    label = re.search(r'text-anchor="end">([^<]*)</text>', svg).group(1)
    assert label.endswith("…") and len(label) < 20


def test_empty_input_draws_an_empty_chart():
    assert rects(stacked_bars([], ["a"], COLOURS)) == []
    assert rects(stacked_columns([], {}, ["a"], COLOURS)) == []
