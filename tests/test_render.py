"""HTML views: the article page and the collection report parse, escape text, and show what the documents say.

The browser tests render both pages in headless Chromium (Debian packages ``chromium chromium-driver``, or
the browser named by ``STANCE_BROWSER``) and skip when there is none.
"""

import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from html import escape, unescape
from html.parser import HTMLParser

import pytest

import stance
from stance.cli import main
from stance.document import Document, Mention, Sentence, SentenceActor, Sentiment, Stance, summarize_actors
from stance.exceptions import InvalidInputError
from stance.render import STANCE_COLOURS, STANCE_SHORT, collection_report_html, document_html, iter_scores

from conftest import ROOT

SAMPLE = str(ROOT / "datasets" / "samples" / "summit.txt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A strict reading of a page: every element closed in order, plus the marks, sections and article text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.ids = [], [], Counter(), Counter()
        self.marks, self.article, self.attributes, self.article_tags = [], None, [], Counter()
        self._mark, self._in_article = None, 0
        self.doctype = html.startswith("<!DOCTYPE html>")
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        self.attributes.append((tag, attrs))
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag in VOID:
            return
        if self._in_article:
            self.article_tags[tag] += 1
        self.stack.append(tag)
        if attrs.get("id") == "sv-article":
            self._in_article, self.article = len(self.stack), ""
        if tag == "mark":
            self._mark = dict(attrs, text="")

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at {self.getpos()}")
            return
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None
        if len(self.stack) == self._in_article:
            self._in_article = 0
        self.stack.pop()

    def handle_data(self, data):
        if self._mark is not None:
            self._mark["text"] += data
        if self._in_article:
            self.article += data


def strict(html):
    page = Page(html)
    assert page.doctype and not page.errors, page.errors
    assert all(count == 1 for count in page.ids.values()), page.ids
    return page


def assert_self_contained(html, page):
    assert page.tags["script"] == 0 and "<script" not in html.lower()
    assert page.tags["link"] == 0 and page.tags["img"] == 0 and page.tags["iframe"] == 0
    for tag, attrs in page.attributes:
        assert not {"src", "href", "srcset", "action"} & set(attrs), (tag, attrs)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    assert "Content-Security-Policy" in html and "@media print" in html


def tiny_doc():
    """Two actors whose mentions overlap ("Kremlin spokesman Peskov" / "Kremlin"), built by hand."""
    text = "Kremlin spokesman Peskov warned Kyiv."
    neutral = Sentiment("neutral", 0.9)
    peskov = SentenceActor("peskov", "Dmitry Peskov", "person", "Russia", (Mention(0, 24, text[0:24]),),
                           Stance("threat", 0.8, "Ukraine"), neutral)
    kremlin = SentenceActor("kremlin", "Kremlin", "organization", "Russia", (Mention(0, 7, "Kremlin"),),
                            Stance("neutral", 0.6, None), neutral)
    sentences = (Sentence(0, 0, len(text), text, neutral, (peskov, kremlin)),)
    return Document("t", text, sentences, summarize_actors(sentences))


# --- the article page -------------------------------------------------------------------------------------------

def test_article_page_is_well_formed_and_self_contained(summit):
    html = document_html(summit)
    page = strict(html)
    assert_self_contained(html, page)
    assert page.ids["legend"] == 1 and page.ids["actors"] == 1 and page.ids["sv-article"] == 1
    for label in stance.STANCE_LABELS:
        assert f"sv-stance-{label}{{background:{STANCE_COLOURS[label]}" in html
    assert len(set(STANCE_COLOURS.values())) == 8


def test_article_text_is_escaped_and_kept_exactly(nlp):
    text = "<script>alert('x')</script> NATO warned Moscow & Kyiv.\n\n<b>Kremlin</b> rejected it."
    doc = nlp(text, id="<i>id</i>")
    html = doc.to_html()
    page = strict(html)
    assert page.tags["script"] == 0 and set(page.article_tags) == {"mark"}
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert page.article == doc.text                          # every character shown, in order, nothing added
    assert any(m["data-actor"] == "nato" for m in page.marks)


def test_highlights_sit_on_the_document_offsets(summit):
    page = strict(document_html(summit))
    mentions = {(m.start, m.end, a.id, a.stance.label) for s in summit.sentences for a in s.actors for m in a.mentions}
    drawn = {(int(m["data-start"]), int(m["data-end"]), m["data-actor"], m["data-stance"]) for m in page.marks}
    assert drawn <= mentions and len(drawn) == len(page.marks) > 10
    spans = sorted((start, end) for start, end, *_ in drawn)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))   # no nested marks
    for start, end, *_ in mentions - drawn:                          # a mention left out overlaps a drawn one
        assert any(s < end and start < e for s, e in spans)
    for mark in page.marks:
        assert summit.text[int(mark["data-start"]):int(mark["data-end"])] == mark["text"]
        assert f"sv-stance-{mark['data-stance']}" == mark["class"]


def test_tooltips_give_actor_stance_score_target_and_sentiment(summit):
    page = strict(document_html(summit))
    drawn = {(int(m["data-start"]), m["data-actor"]): m for m in page.marks}
    trump, mark = next((a, drawn[(a.mentions[0].start, a.id)]) for s in summit.sentences for a in s.actors
                       if a.stance.target and (a.mentions[0].start, a.id) in drawn)   # an actor with a target
    tip = mark["title"]
    assert trump.name in tip and f"stance: {trump.stance.label} {trump.stance.score:.2f}" in tip
    assert f"target: {trump.stance.target}" in tip and f"sentiment toward actor: {trump.sentiment.label}" in tip
    assert mark["data-short"] == STANCE_SHORT[trump.stance.label] and mark["data-stance"] == trump.stance.label


def test_overlapping_mentions_are_drawn_once_and_named_in_the_tooltip():
    doc = tiny_doc()
    page = strict(document_html(doc))
    assert [(m["data-start"], m["data-end"], m["data-actor"]) for m in page.marks] == [("0", "24", "peskov")]
    assert "also: Kremlin (neutral 0.60)" in page.marks[0]["title"]
    assert page.article == doc.text


def test_side_panel_lists_every_actor_with_its_stance_counts(summit):
    html = document_html(summit)
    for actor in summit.actors:
        item = re.search(rf'<li data-actor="{actor.id}">(.*?)</li>', html).group(1)
        assert actor.name in item and f"{actor.mentions} mention" in item
        chips = re.findall(r'class="sv-chip sv-stance-(\w+)"[^>]*>\w+ (\d+)<', item)
        assert {label: int(n) for label, n in chips} == actor.stances


def test_document_methods_and_notebook_repr(summit):
    assert summit.to_html() == document_html(summit) == summit._repr_html_()


def test_article_without_actors_says_so():
    page = strict(document_html(Document(None, "Nothing happened.")))
    assert page.marks == [] and page.article == "Nothing happened."
    assert "No actors found" in document_html(Document(None, "Nothing happened."))


# --- the collection report --------------------------------------------------------------------------------------

def record(number, actors, date=None, targets=()):
    """A scored record by hand: actors = [(id, mentions, {stance: n})], targets = [(id, label, target)]."""
    data = {"schema": "stance.document/1", "id": number, "text": "", "actors": [
        {"id": a, "name": a.upper(), "type": "person", "affiliation": None, "mentions": n, "stances": stances,
         "sentiment": {"positive": 0, "neutral": sum(stances.values()), "negative": 0}} for a, n, stances in actors],
        "sentences": [{"index": 0, "start": 0, "end": 0, "text": "", "sentiment": {"label": "neutral", "score": 1.0},
                       "actors": [{"id": a, "name": a.upper(), "type": "person", "affiliation": None,
                                   "mentions": [{"start": 0, "end": 0, "text": ""}],
                                   "stance": {"label": label, "score": 0.9, "target": target},
                                   "sentiment": {"label": "neutral", "score": 0.9}} for a, label, target in targets]}]}
    if date:
        data["date"] = date
    return data


def bar_rows(html, section):
    """{row label: {stance: count}} of the stacked bars in one report section."""
    part = re.search(rf'<section id="{section}">(.*?)</section>', html, re.S).group(1)
    rows = {}
    for label, body in re.findall(r'<g data-row="([^"]*)">(.*?)</g>', part, re.S):
        rows[label] = {k: int(n) for k, n in re.findall(r'data-key="(\w+)" data-count="(\d+)"', body)}
    return rows


def test_report_from_analysed_articles_has_every_section(nlp, summit):
    texts = ["NATO warned Moscow.", "Trump criticized Putin on Monday.", "The Kremlin said it was open to talks."]
    records = [summit.to_dict() | {"date": "2025-03-01"}]
    records += [nlp(t, id=i).to_dict() | {"date": f"2025-03-0{i + 2}"} for i, t in enumerate(texts)]
    html = collection_report_html(records, title="<Week> report")
    page = strict(html)
    assert_self_contained(html, page)
    for section in ("overview", "stance-by-actor", "targets", "sentiment", "over-time"):
        assert page.ids[section] == 1
    assert "&lt;Week&gt; report" in html and "4 of 4 articles are dated" in html
    trump = bar_rows(html, "stance-by-actor")
    mentions = sum(a["mentions"] for r in records for a in r["actors"] if a["id"] == "donald_trump")
    expected = Counter()
    for r in records:
        expected.update(next((a["stances"] for a in r["actors"] if a["id"] == "donald_trump"), {}))
    assert trump[f"Donald Trump ({mentions})"] == dict(expected)
    assert 'data-actor="donald_trump"' in re.search(r'<section id="over-time">.*?</section>', html, re.S).group(0)
    targets = Counter(a["stance"]["target"] for r in records for sentence in r["sentences"] for a in sentence["actors"]
                      if a["stance"]["label"] in ("support", "criticism") and a["stance"]["target"])
    matrix = re.search(r'<section id="targets">.*?</section>', html, re.S).group(0)
    assert targets and f'title="{escape(targets.most_common(1)[0][0])}"' in matrix


def test_report_keeps_the_top_20_actors_by_mentions():
    records = [record(i, [(f"a{i:02d}", i + 1, {"neutral": 1})]) for i in range(25)]
    rows = bar_rows(collection_report_html(records), "stance-by-actor")
    assert list(rows) == [f"A{i:02d} ({i + 1})" for i in range(24, 4, -1)]


def test_report_top_must_be_positive():
    with pytest.raises(InvalidInputError, match="top"):
        collection_report_html([], top=0)
    assert list(bar_rows(collection_report_html([record(1, [("x", 1, {}), ("y", 2, {})])], top=1),
                         "stance-by-actor")) == ["Y (2)"]


def test_report_without_dates_explains_the_missing_time_line():
    html = collection_report_html([record(1, [("x", 1, {"support": 1})]), record(2, [("y", 2, {"threat": 2})])])
    page = strict(html)
    time_line = re.search(r'<section id="over-time">.*?</section>', html, re.S).group(0)
    assert page.ids["over-time"] == 1 and "No article has a date" in time_line and "<svg" not in time_line
    assert bar_rows(html, "stance-by-actor") == {"Y (2)": {"threat": 2}, "X (1)": {"support": 1}}


def test_report_time_line_counts_dated_articles_only():
    records = [record(1, [("x", 1, {"support": 2})], date="2025-01-01"),
               record(2, [("x", 1, {"criticism": 1})], date="2025-01-03T10:00:00Z"),
               record(3, [("x", 1, {"threat": 5})])]
    html = collection_report_html(records)
    time_line = re.search(r'<section id="over-time">.*?</section>', html, re.S).group(0)
    counts = re.findall(r'data-key="(\w+)" data-count="(\d+)"><title>([\d-]+):', time_line)
    assert counts == [("support", "2", "2025-01-01"), ("criticism", "1", "2025-01-03")]
    assert "1 undated article left out" in time_line and ">2025-01-03<" in time_line


def test_report_matrix_counts_support_and_criticism_per_target():
    records = [record(1, [("a", 1, {"criticism": 1})], targets=[("a", "criticism", "Vladimir Putin")]),
               record(2, [("a", 1, {"criticism": 1})], targets=[("a", "criticism", "Vladimir  Putin")]),
               record(3, [("b", 1, {"support": 1})], targets=[("b", "support", "<NATO>"), ("b", "neutral", "X")])]
    html = collection_report_html(records)
    matrix = re.search(r'<section id="targets">.*?</section>', html, re.S).group(0)
    row_a = re.search(r'<tr data-actor="a">(.*?)</tr>', matrix).group(1)
    row_b = re.search(r'<tr data-actor="b">(.*?)</tr>', matrix).group(1)
    assert re.findall(r"<th[^>]*>([^<]*)</th>", matrix)[1:3] == ["Vladimir Putin", "&lt;NATO&gt;"]
    assert "\u22122" in row_a and "+" not in re.sub(r"<[^>]*>", "", row_a)
    assert ">+1<" in row_b and ">X<" not in matrix                   # neutral stances are not in the matrix


def test_report_matrix_rows_are_actors_with_counts_in_the_shown_columns():
    records = [record(i, [("a", 1, {"support": 2})], targets=[("a", "support", f"T{i}")] * 2) for i in range(10)]
    records.append(record(10, [("z", 1, {"criticism": 1})], targets=[("z", "criticism", "rare")]))
    matrix = re.search(r'<section id="targets">.*?</section>', collection_report_html(records), re.S).group(0)
    assert re.findall(r'<tr data-actor="(\w+)">', matrix) == ["a"] and ">rare<" not in matrix
    assert matrix.count(">+2<") == 10


def test_report_skips_records_that_are_not_documents():
    html = collection_report_html([{"line": 3, "id": "x", "reason": "field 'text' is missing"},
                                   record(1, [("x", 1, {"appeal": 1})])])
    assert "1 record is not a scored document" in html and ">1</b>articles" in html


def test_iter_scores_reads_json_lines_and_names_bad_lines(tmp_path):
    good = tmp_path / "s.jsonl"
    good.write_text('{"id": 1}\n\n{"id": 2}\n', encoding="utf-8")
    assert [r["id"] for r in iter_scores(good)] == [1, 2]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n{"id": \n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="line 2"):
        list(iter_scores(bad))
    with pytest.raises(InvalidInputError, match="CSV"):
        list(iter_scores(tmp_path / "rows.csv"))


# --- the command line -------------------------------------------------------------------------------------------

def test_cli_render_writes_the_article_page(tmp_path, monkeypatch):
    out = tmp_path / "article.html"
    assert main(["render", SAMPLE, "-o", str(out)]) == 0
    page = strict(out.read_text(encoding="utf-8"))
    assert page.article == open(SAMPLE, encoding="utf-8").read() and len(page.marks) > 10
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"NATO warned <b>Moscow</b>.")))
    assert main(["render", "-", "-o", str(tmp_path / "stdin.html")]) == 0
    assert "&lt;b&gt;" in (tmp_path / "stdin.html").read_text(encoding="utf-8")


def test_cli_report_writes_the_report(tmp_path, nlp, capsys):
    scores = tmp_path / "scores.jsonl"
    lines = [json.dumps(nlp(t, id=i).to_dict() | {"date": "2025-02-0" + str(i + 1)})
             for i, t in enumerate(["NATO warned Moscow.", "Beijing rejected the plan."])]
    scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(scores), "-o", str(out), "--title", "Feb"]) == 0
    page = strict(out.read_text(encoding="utf-8"))
    assert page.ids["stance-by-actor"] == 1 and "NATO" in out.read_text(encoding="utf-8")
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines()[-1].startswith("stance: error:")


# --- in a browser -----------------------------------------------------------------------------------------------

def find_browser():
    names = [os.environ.get("STANCE_BROWSER", ""), "chromium", "chromium-browser", "google-chrome",
             "google-chrome-stable"]
    return next((path for path in map(shutil.which, filter(None, names)) if path), None)


BROWSER = find_browser()
WIDTH, HEIGHT = 1200, 1500
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
         "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={WIDTH},{HEIGHT}"]
no_browser = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium (apt-get install chromium)")

# Injected into a test copy of a page (the pages themselves have no script and forbid scripts): it writes the
# boxes of the selected elements, in CSS pixels of the page, into a <pre> at the end of the body.
MEASURE = """<script>
(function () {
  var article = document.getElementById("sv-article"), boxes = [];
  document.querySelectorAll("%s").forEach(function (el) {
    var rects = el.getClientRects();
    for (var i = 0; i < rects.length; i++) {
      var r = rects[i];
      boxes.push({stance: el.getAttribute("data-stance") || el.getAttribute("data-key"),
                  fill: el.getAttribute("fill"), start: el.getAttribute("data-start"), text: el.textContent,
                  x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height});
    }
  });
  var a = article && article.getBoundingClientRect();
  var out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({boxes: boxes, article: a && {x: a.left, y: a.top, w: a.width, h: a.height}});
  document.body.appendChild(out);
})();
</script>"""


def run_browser(tmp_path, page, *args):
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(tmp_path, page):
    png = tmp_path / (page.stem + ".png")
    run_browser(tmp_path, page, f"--screenshot={png}")
    return read_png(png.read_bytes())


def measure(tmp_path, page, selector):
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe = page.with_name(page.stem + "-measured.html")
    probe.write_text(html.replace("</body>", MEASURE % selector + "</body>"), encoding="utf-8")
    dom = run_browser(tmp_path, probe, "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    return json.loads(unescape(found.group(1)))


def read_png(data):
    """(width, height, rows of RGB bytes) of an 8-bit, non-interlaced RGB or RGBA PNG, decoded with zlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, []
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    size = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for x in range(size, stride):
                line[x] = (line[x] + line[x - size]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for x in range(stride):
                line[x] = (line[x] + ((line[x - size] if x >= size else 0) + previous[x]) // 2) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - size] if x >= size else 0
                b, c = previous[x], (previous[x - size] if x >= size else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if size == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        previous = line
    return width, height, rows


def pixel(image, x, y):
    row = image[2][y]
    return tuple(row[3 * x:3 * x + 3])


def rgb(colour):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tolerance=12):
    return all(abs(p - q) <= tolerance for p, q in zip(a, b))


def assert_not_blank(image):
    width, height, rows = image
    assert (width, height) == (WIDTH, HEIGHT)
    colours = Counter(tuple(row[i:i + 3]) for row in rows[::7] for i in range(0, len(row), 21))
    white = colours.get((255, 255, 255), 0)
    assert len(colours) > 20 and white < 0.97 * sum(colours.values()), colours.most_common(5)


@pytest.mark.browser
@pytest.mark.slow
@no_browser
def test_article_in_a_browser_highlights_each_mention_where_the_dom_says(tmp_path, summit):
    page = tmp_path / "article.html"
    page.write_text(document_html(summit), encoding="utf-8")
    image = screenshot(tmp_path, page)
    assert_not_blank(image)
    layout = measure(tmp_path, page, "mark[data-stance]")
    article, boxes = layout["article"], layout["boxes"]
    marks = {int(m["data-start"]): m for m in strict(page.read_text(encoding="utf-8")).marks}
    assert {int(b["start"]) for b in boxes} == set(marks)
    checked = 0
    for box in boxes:
        mark = marks[int(box["start"])]
        assert box["text"] == summit.text[int(mark["data-start"]):int(mark["data-end"])]
        assert box["stance"] == mark["data-stance"]
        assert article["x"] - 1 <= box["x"] and box["x"] + box["w"] <= article["x"] + article["w"] + 1
        assert article["y"] - 1 <= box["y"] and box["y"] + box["h"] <= article["y"] + article["h"] + 1
        x0, y0 = int(box["x"]) + 1, int(box["y"]) + 1                      # inset 1 px: edges are antialiased
        x1, y1 = int(box["x"] + box["w"]) - 1, int(box["y"] + box["h"]) - 1
        if y1 >= HEIGHT or x1 - x0 < 4:
            continue
        inside = [pixel(image, x, y) for y in range(y0, y1) for x in range(x0, x1)]
        share = sum(close(p, rgb(STANCE_COLOURS[box["stance"]])) for p in inside) / len(inside)
        assert share > 0.5, (box, share)   # the highlight's own colour fills the box (glyphs take the rest)
        checked += 1
    assert checked >= len(boxes) - 2 and checked >= 10


@pytest.mark.browser
@pytest.mark.slow
@no_browser
def test_report_in_a_browser_draws_the_bars_in_their_colours(tmp_path, summit, nlp):
    records = [summit.to_dict() | {"date": "2025-03-01"},
               nlp("NATO warned Moscow. Beijing rejected the plan.", id=2).to_dict() | {"date": "2025-03-04"}]
    page = tmp_path / "report.html"
    page.write_text(collection_report_html(records), encoding="utf-8")
    image = screenshot(tmp_path, page)
    assert_not_blank(image)
    boxes = measure(tmp_path, page, "rect[data-key]")["boxes"]
    checked = 0
    for box in boxes:
        x, y = int(box["x"] + box["w"] / 2), int(box["y"] + box["h"] / 2)
        if box["w"] >= 4 and box["h"] >= 4 and y < HEIGHT:
            assert close(pixel(image, x, y), rgb(box["fill"]), tolerance=3), box
            checked += 1
    assert checked >= 15
