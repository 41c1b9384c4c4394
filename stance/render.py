"""HTML views of the results: one analysed article, and a report on a scored collection.

Both pages are single self-contained files: inline CSS and inline SVG, no script, no web font, nothing
fetched from anywhere (a Content-Security-Policy in the page forbids it), and a print style sheet. Article
text is always HTML-escaped. Stance colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal Design",
2002), chosen to stay distinguishable for the common forms of colour blindness; every highlight also carries
a short printed label (``OPEN``, ``CRIT``, ...) so that greyscale prints stay readable.

Examples
--------
>>> import stance
>>> doc = stance.load()("NATO warned Moscow.", id="a1")
>>> page = document_html(doc)
>>> page.startswith("<!DOCTYPE html>") and 'data-actor="nato"' in page and "<script" not in page
True
>>> report = collection_report_html([doc.to_dict()])
>>> 'id="stance-by-actor"' in report
True
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .charts import stacked_bars, stacked_columns
from .exceptions import InvalidInputError, StanceError
from .labels import SENTIMENT_LABELS, STANCE_LABELS

__all__ = ["document_html", "collection_report_html", "iter_scores", "STANCE_COLOURS", "SENTIMENT_COLOURS"]

#: Highlight colour of each stance: the eight Okabe-Ito colours, except that black is replaced by a light grey
#: for ``neutral`` (the quiet default, which should not draw the eye).
STANCE_COLOURS = {
    "openness": "#56B4E9",   # sky blue
    "support": "#009E73",    # bluish green
    "criticism": "#D55E00",  # vermillion
    "rejection": "#CC79A7",  # reddish purple
    "caution": "#F0E442",    # yellow
    "threat": "#0072B2",     # blue
    "appeal": "#E69F00",     # orange
    "neutral": "#DDDDDD",    # light grey
}
#: Text colour on each highlight: the one of black and white with the higher WCAG contrast ratio.
STANCE_TEXT = {"openness": "#000000", "support": "#000000", "criticism": "#FFFFFF", "rejection": "#000000",
               "caution": "#000000", "threat": "#FFFFFF", "appeal": "#000000", "neutral": "#000000"}
#: The printed label after each highlight and in the legend: the non-colour cue.
STANCE_SHORT = {"openness": "OPEN", "support": "SUPP", "criticism": "CRIT", "rejection": "REJ",
                "caution": "CAUT", "threat": "THRT", "appeal": "APPL", "neutral": "NEU"}
#: One line per stance for the legend (the full definitions are in datasets/GUIDELINES.md).
STANCE_MEANING = {
    "openness": "willing to talk, meet or consider",
    "support": "backs, welcomes or praises",
    "criticism": "criticizes, accuses or blames",
    "rejection": "refuses, rejects or rules out",
    "caution": "hedges, sets conditions, voices concern",
    "threat": "warns of or threatens consequences",
    "appeal": "calls on others to act, urges, demands",
    "neutral": "mentioned, no stance expressed",
}
#: Colours of how actors are portrayed (sentiment toward the actor): a blue-grey-vermillion diverging scale.
SENTIMENT_COLOURS = {"negative": "#D55E00", "neutral": "#BBBBBB", "positive": "#0072B2"}
#: Record fields read as the article date (ISO 8601, the first 10 characters), in this order.
DATE_FIELDS = ("date", "published")

_MINUS = "\u2212"  # the minus sign of criticism counts in the target matrix
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
.stance-view{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;
 background:#fff;max-width:1200px;margin:0 auto;padding:16px 20px;line-height:1.45}
.stance-view h1{font-size:1.45rem;margin:0 0 .2rem}
.stance-view h2{font-size:1.1rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.stance-view h3{font-size:.95rem;margin:.9rem 0 .2rem}
.sv-meta,.sv-note{color:#555;font-size:.88rem;margin:.2rem 0 .8rem}
.sv-layout{display:grid;grid-template-columns:minmax(0,1fr) 310px;gap:28px;align-items:start}
.sv-text{white-space:pre-wrap;overflow-wrap:break-word;font-size:1.05rem;line-height:2;margin:0}
.sv-text mark{padding:2px 3px;border-radius:3px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.sv-text mark::after{content:attr(data-short);font-size:.58em;font-weight:700;letter-spacing:.03em;
 vertical-align:super;line-height:0;margin-left:3px}
.sv-panel{font-size:.9rem;border-left:1px solid #ddd;padding-left:18px}
.sv-panel h2{margin-top:0}
.sv-list{list-style:none;padding:0;margin:0}
.sv-list li{margin:0 0 .55rem}
.sv-chip{display:inline-block;font-size:.72rem;font-weight:700;letter-spacing:.03em;padding:0 5px;border-radius:3px;
 margin:1px 3px 1px 0;line-height:1.5;white-space:nowrap}
.sv-muted{color:#555;font-size:.82rem}
.sv-chart{display:block;max-width:100%;height:auto;margin:.3rem 0}
.sv-chart text{fill:#1a1a1a;font-family:inherit}
.sv-axis{stroke:#888;stroke-width:1}
.sv-total{fill:#555}
.sv-stats{display:flex;flex-wrap:wrap;gap:10px 28px;margin:.4rem 0;padding:0;list-style:none}
.sv-stats b{display:block;font-size:1.3rem}
.sv-matrix{border-collapse:collapse;font-size:.85rem}
.sv-matrix th,.sv-matrix td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
.sv-matrix thead th{font-weight:600;max-width:9em;overflow-wrap:anywhere}
.sv-scroll{overflow-x:auto}
.sv-multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:6px 24px}
""" + "".join(
    f".sv-stance-{label}{{background:{colour};color:{STANCE_TEXT[label]}}}\n"
    for label, colour in STANCE_COLOURS.items()
) + "".join(
    f".sv-sentiment-{label}{{background:{colour};color:{'#000000' if label == 'neutral' else '#FFFFFF'}}}\n"
    for label, colour in SENTIMENT_COLOURS.items()
) + """
@media (max-width:780px){.sv-layout{display:block}.sv-panel{border-left:0;padding-left:0;margin-top:1.5rem}}
@media print{
 .stance-view{max-width:none;padding:0;font-size:11pt}
 .stance-view *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .sv-layout{display:block}
 .sv-panel{border-left:0;padding-left:0;margin-top:1rem}
 .stance-view section,.sv-panel>section,.sv-chart,.sv-matrix{break-inside:avoid}
 .sv-scroll{overflow:visible}
}
"""


# --- shared pieces ----------------------------------------------------------------------------------------------

def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _chip(label: str, text: str, *, kind: str = "stance", tip: str = "") -> str:
    title = f' title="{escape(tip)}"' if tip else ""
    return f'<span class="sv-chip sv-{kind}-{label}"{title}>{escape(text)}</span>'


def _legend() -> str:
    items = "".join(f'<li>{_chip(label, STANCE_SHORT[label])} <b>{label}</b> <span class="sv-muted">'
                    f"{escape(STANCE_MEANING[label])}</span></li>" for label in STANCE_LABELS)
    return f'<ul class="sv-list sv-legend">{items}</ul>'


def _sentiment_legend() -> str:
    return " ".join(_chip(label, label, kind="sentiment") for label in ("negative", "neutral", "positive"))


# --- one article ------------------------------------------------------------------------------------------------

def _tooltip(actor, sentence_index: int) -> str:
    about = ", ".join(x for x in (actor.type, actor.affiliation) if x)
    lines = [f"{actor.name} ({about})" if about else actor.name,
             f"stance: {actor.stance.label} {actor.stance.score:.2f}",
             f"target: {actor.stance.target or '-'}",
             f"sentiment toward actor: {actor.sentiment.label} {actor.sentiment.score:.2f}",
             f"sentence {sentence_index}"]
    return "\n".join(lines)


def _highlights(doc) -> list[dict]:
    """The mentions to highlight, in text order, without overlaps.

    A mention that overlaps an earlier (or longer) one is not drawn; its actor and stance are added to the
    tooltip of the one that is. Mentions whose offsets do not match the text are left out.
    """
    spans = []
    for sentence in doc.sentences:
        for actor in sentence.actors:
            for mention in actor.mentions:
                if 0 <= mention.start < mention.end <= len(doc.text) and \
                        doc.text[mention.start:mention.end] == mention.text:
                    spans.append({"start": mention.start, "end": mention.end, "actor": actor,
                                  "sentence": sentence.index, "tip": _tooltip(actor, sentence.index)})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    kept: list[dict] = []
    for span in spans:
        if kept and span["start"] < kept[-1]["end"]:
            other = span["actor"]
            kept[-1]["tip"] += f"\nalso: {other.name} ({other.stance.label} {other.stance.score:.2f})"
            continue
        kept.append(span)
    return kept


def _article_body(doc) -> str:
    parts, position = [], 0
    for span in _highlights(doc):
        actor = span["actor"]
        label = actor.stance.label if actor.stance.label in STANCE_COLOURS else "neutral"
        parts.append(escape(doc.text[position:span["start"]]))
        parts.append(f'<mark class="sv-stance-{label}" data-start="{span["start"]}" data-end="{span["end"]}"'
                     f' data-actor="{escape(actor.id)}" data-stance="{label}" data-short="{STANCE_SHORT[label]}"'
                     f' data-sentence="{span["sentence"]}" title="{escape(span["tip"])}">'
                     f'{escape(doc.text[span["start"]:span["end"]])}</mark>')
        position = span["end"]
    parts.append(escape(doc.text[position:]))
    return "".join(parts)


def _actor_panel(doc) -> str:
    if not doc.actors:
        return '<p class="sv-note">No actors found in this article.</p>'
    items = []
    for actor in sorted(doc.actors, key=lambda a: -a.mentions):  # stable: ties keep order of appearance
        about = " · ".join(x for x in (actor.type, actor.affiliation) if x)
        chips = "".join(_chip(label, f"{STANCE_SHORT[label]} {actor.stances[label]}",
                              tip=f"{label}: {actor.stances[label]} sentence(s)")
                        for label in STANCE_LABELS if actor.stances.get(label))
        portrayed = ", ".join(f"{actor.sentiment[k]} {k}" for k in SENTIMENT_LABELS if actor.sentiment.get(k))
        items.append(f'<li data-actor="{escape(actor.id)}"><b>{escape(actor.name)}</b> '
                     f'<span class="sv-muted">{escape(about)} · {actor.mentions} mention'
                     f'{"s" if actor.mentions != 1 else ""}</span><br>{chips}<br>'
                     f'<span class="sv-muted">portrayed: {escape(portrayed or "-")}</span></li>')
    return f'<ul class="sv-list sv-actors">{"".join(items)}</ul>'


def document_html(doc) -> str:
    """A self-contained HTML page showing one analysed article.

    Each actor mention is highlighted in the colour of the actor's stance in that sentence, with a short
    printed label and a tooltip (actor, stance and score, target, sentiment toward the actor). A side panel
    holds the legend and the actors with their stance counts.

    Parameters
    ----------
    doc : Document
        An analysed article, as ``stance.load()(text)`` returns it.

    Returns
    -------
    str
        A complete HTML document (UTF-8). It contains no script; the article text is escaped. Each highlight
        is a ``<mark>`` with ``data-start``/``data-end`` (document offsets), ``data-actor`` and ``data-stance``.

    See Also
    --------
    stance.Document.to_html : the same, as a method; Jupyter shows it through ``Document._repr_html_``.
    collection_report_html : charts for a whole scored collection.

    Examples
    --------
    >>> from stance.document import Document
    >>> page = document_html(Document("x", "<script>alert(1)</script>"))
    >>> "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "<script>" in page
    (True, False)
    """
    meta = getattr(doc, "meta", {}) or {}
    title = str(meta.get("title") or (f"Article {doc.id}" if doc.id not in (None, "") else "Article"))
    facts = [f"id {doc.id}" if doc.id not in (None, "") else "",
             str(meta.get("date") or meta.get("published") or ""), str(meta.get("source") or ""),
             f"{len(doc.sentences)} sentences", f"{len(doc.actors)} actors",
             f"{sum(a.mentions for a in doc.actors)} mentions"]
    note = ('<p class="sv-note"><b>Truncated:</b> the article was longer than the analyzer\'s maximum length; '
            "only the part shown was analysed.</p>") if getattr(doc, "truncated", False) else ""
    body = (f'<div class="stance-view stance-article">\n<header><h1>{escape(title)}</h1>'
            f'<p class="sv-meta">{escape(" · ".join(f for f in facts if f))}</p>{note}</header>\n'
            '<div class="sv-layout">\n'
            f'<article class="sv-text" id="sv-article">{_article_body(doc)}</article>\n'
            '<aside class="sv-panel">\n'
            f'<section id="legend"><h2>Stances</h2>{_legend()}</section>\n'
            f'<section id="actors"><h2>Actors</h2>{_actor_panel(doc)}</section>\n'
            "</aside>\n</div>\n"
            '<p class="sv-note">Hover a highlighted name for the actor, stance and score, target and sentiment. '
            "Counts are sentences: one stance per actor per sentence.</p>\n</div>")
    return _page(title, body)


# --- a scored collection ----------------------------------------------------------------------------------------

def iter_scores(source: str | Path) -> Iterator[dict]:
    """The scored documents of a JSON Lines file written by ``stance score`` (``-`` reads stdin).

    Parameters
    ----------
    source : str or Path
        A ``.jsonl`` file of ``stance.document/1`` records, or ``"-"``.

    Yields
    ------
    dict
        One record per non-blank line.

    Raises
    ------
    InvalidInputError
        When a line is not JSON (the message names the line), or the file is CSV output.
    StanceError
        When the file cannot be read.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "s.jsonl")
    >>> _ = open(path, "w").write('{"id": 1}\\n\\n{"id": 2}\\n')
    >>> [r["id"] for r in iter_scores(path)]
    [1, 2]
    """
    if str(source) != "-" and Path(source).suffix.lower() == ".csv":
        raise InvalidInputError(f"{source}: the report needs the JSON Lines output of `stance score` "
                                "(-o scores.jsonl), not CSV")
    try:
        handle = sys.stdin if str(source) == "-" else open(source, encoding="utf-8")
    except OSError as error:
        raise StanceError(f"cannot read {source}: {error.strerror}") from None
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise InvalidInputError(f"{source} line {number}: not JSON ({error.msg})") from None
    finally:
        if handle is not sys.stdin:
            handle.close()


def _record_date(record: Mapping) -> _dt.date | None:
    for name in DATE_FIELDS:
        value = record.get(name)
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str) and len(value) >= 10:
            try:
                return _dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _period_axis(dates: Iterable[_dt.date]) -> tuple[str, Any, list[str]]:
    """Choose a time step for the span of ``dates``: (name, date -> period key, every period in the span)."""
    dates = list(dates)
    low, high = min(dates), max(dates)
    span = (high - low).days
    if span <= 62:
        name, key = "day", lambda d: d.isoformat()
        step = lambda d: d + _dt.timedelta(days=1)  # noqa: E731
        first = low
    elif span <= 7 * 40:
        name, key = "week (starting Monday)", lambda d: (d - _dt.timedelta(days=d.weekday())).isoformat()
        step = lambda d: d + _dt.timedelta(days=7)  # noqa: E731
        first = low - _dt.timedelta(days=low.weekday())
    elif span <= 31 * 60:
        name, key = "month", lambda d: f"{d.year:04d}-{d.month:02d}"
        step = lambda d: (d.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)  # noqa: E731
        first = low.replace(day=1)
    else:
        name, key = "year", lambda d: f"{d.year:04d}"
        step = lambda d: d.replace(year=d.year + 1, month=1, day=1)  # noqa: E731
        first = low.replace(month=1, day=1)
    periods, current = [], first
    while current <= high:
        periods.append(key(current))
        current = step(current)
    return name, key, periods


class _Tally:
    """Counts over a collection, gathered in one pass (the records themselves are not kept)."""

    def __init__(self) -> None:
        self.articles = 0
        self.skipped = 0
        self.dated = 0
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.mentions: Counter = Counter()
        self.in_articles: Counter = Counter()
        self.stances: dict[str, Counter] = defaultdict(Counter)
        self.sentiment: dict[str, Counter] = defaultdict(Counter)
        self.dated_stances: dict[str, list[tuple[_dt.date, Counter]]] = defaultdict(list)
        self.dates: list[_dt.date] = []
        self.targets: dict[tuple[str, str], Counter] = defaultdict(Counter)

    def add(self, record: Any) -> None:
        if hasattr(record, "to_dict"):
            record = record.to_dict()
        try:
            actors = [(str(a["id"]), str(a["name"]), int(a["mentions"]), Counter(a["stances"]), Counter(a["sentiment"]))
                      for a in record["actors"]]
            pairs = [(str(a["id"]), a["stance"]["label"], a["stance"].get("target"))
                     for s in record["sentences"] for a in s["actors"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            self.skipped += 1  # an error record or something else that is not a scored document
            return
        self.articles += 1
        date = _record_date(record)
        if date is not None:
            self.dated += 1
            self.dates.append(date)
        for actor_id, name, mentions, stances, sentiment in actors:
            self.names[actor_id][name] += 1
            self.mentions[actor_id] += mentions
            self.in_articles[actor_id] += 1
            self.stances[actor_id].update(stances)
            self.sentiment[actor_id].update(sentiment)
            if date is not None:
                self.dated_stances[actor_id].append((date, stances))
        for actor_id, label, target in pairs:
            if label in ("support", "criticism") and isinstance(target, str) and target.strip():
                self.targets[(actor_id, " ".join(target.split()))][label] += 1

    def name(self, actor_id: str) -> str:
        return self.names[actor_id].most_common(1)[0][0]

    def top(self, n: int) -> list[str]:
        return [a for a, _ in sorted(self.mentions.items(), key=lambda kv: (-kv[1], self.name(kv[0])))[:n]]


def _overview(tally: _Tally) -> str:
    stats = [(tally.articles, "articles"), (len(tally.mentions), "actors"), (sum(tally.mentions.values()), "mentions"),
             (sum(sum(c.values()) for c in tally.stances.values()), "actor stances (sentences)")]
    items = "".join(f"<li><b>{value:,}</b>{escape(what)}</li>" for value, what in stats)
    notes = []
    if tally.dates:
        notes.append(f"{tally.dated:,} of {tally.articles:,} articles are dated, "
                     f"{min(tally.dates).isoformat()} to {max(tally.dates).isoformat()}.")
    else:
        notes.append("No article has a date.")
    if tally.skipped:
        notes.append(f"{_count(tally.skipped, 'record')} {'is' if tally.skipped == 1 else 'are'} not a scored "
                     "document (for example error records) and left out.")
    return (f'<section id="overview"><h2>Overview</h2><ul class="sv-stats">{items}</ul>'
            f'<p class="sv-note">{escape(" ".join(notes))}</p></section>')


def _stance_section(tally: _Tally, top: list[str]) -> str:
    if not top:
        return ('<section id="stance-by-actor"><h2>Stance by actor</h2>'
                '<p class="sv-note">No actors in this collection.</p></section>')
    rows = [(f"{tally.name(a)} ({tally.mentions[a]})", tally.stances[a]) for a in top]
    chart = stacked_bars(rows, STANCE_LABELS, STANCE_COLOURS, title="Stance distribution of the top actors")
    legend = "".join(_chip(label, f"{STANCE_SHORT[label]} {label}") for label in STANCE_LABELS)
    return (f'<section id="stance-by-actor"><h2>Stance by actor</h2>'
            f'<p class="sv-note">The {len(top)} actors mentioned most (mentions in brackets). Each bar counts the '
            f"sentences in which the actor takes each stance; hover a segment for its count.</p>"
            f"<p>{legend}</p><div class=\"sv-scroll\">{chart}</div></section>")


def _target_section(tally: _Tally, max_actors: int = 15, max_targets: int = 10) -> str:
    head = '<section id="targets"><h2>Who supports and criticizes whom</h2>'
    if not tally.targets:
        return head + '<p class="sv-note">No support or criticism with a target in this collection.</p></section>'
    received = Counter()
    for (_, target), counts in tally.targets.items():
        received[target] += sum(counts.values())
    targets = [t for t, _ in sorted(received.items(), key=lambda kv: (-kv[1], kv[0]))[:max_targets]]
    shown, given = set(targets), Counter()  # rows: the actors with most support or criticism toward these targets
    for (actor_id, target), counts in tally.targets.items():
        if target in shown:
            given[actor_id] += sum(counts.values())
    actors = [a for a, _ in sorted(given.items(), key=lambda kv: (-kv[1], tally.name(kv[0])))[:max_actors]]
    header = "".join(f'<th scope="col" title="{escape(t)}">{escape(t if len(t) <= 40 else t[:39] + "…")}</th>'
                     for t in targets)
    body = []
    for actor_id in actors:
        cells = []
        for target in targets:
            counts = tally.targets.get((actor_id, target), Counter())
            chips = []
            if counts["support"]:
                chips.append(_chip("support", f"+{counts['support']}",
                                   tip=f"{tally.name(actor_id)} supports {target}: {counts['support']}"))
            if counts["criticism"]:
                chips.append(_chip("criticism", f"\u2212{counts['criticism']}",
                                   tip=f"{tally.name(actor_id)} criticizes {target}: {counts['criticism']}"))
            cells.append(f"<td>{''.join(chips)}</td>")
        body.append(f'<tr data-actor="{escape(actor_id)}"><th scope="row">{escape(tally.name(actor_id))}</th>'
                    f"{''.join(cells)}</tr>")
    return (head + f'<p class="sv-note">Columns: the targets that receive the most support or criticism; rows: the '
            f"actors (stance holders) who give most of it to these targets. {_chip('support', '+n')} sentences of "
            f"support, {_chip('criticism', _MINUS + 'n')} sentences of criticism.</p>"
            f'<div class="sv-scroll"><table class="sv-matrix"><thead><tr><th scope="col">actor \u2193 / target '
            f"\u2192</th>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>")


def _sentiment_section(tally: _Tally, top: list[str]) -> str:
    head = '<section id="sentiment"><h2>How the top actors are portrayed</h2>'
    if not top:
        return head + '<p class="sv-note">No actors in this collection.</p></section>'
    keys = ("negative", "neutral", "positive")
    rows = [(tally.name(a), tally.sentiment[a]) for a in top]
    chart = stacked_bars(rows, keys, SENTIMENT_COLOURS, normalize=True, title="Sentiment toward the top actors")
    return (head + '<p class="sv-note">Sentiment toward each actor, as shares of the sentences that mention it '
            f"(the total is printed after each bar). {_sentiment_legend()}</p>"
            f'<div class="sv-scroll">{chart}</div></section>')


def _time_section(tally: _Tally, top: list[str], max_actors: int = 6) -> str:
    head = '<section id="over-time"><h2>Stance over time</h2>'
    if not tally.dates:
        return head + ('<p class="sv-note">No article has a date, so there is no time line. Give the input records '
                       'a <code>date</code> field (YYYY-MM-DD) before scoring to see one.</p></section>')
    step, key, periods = _period_axis(tally.dates)
    charts = []
    for actor_id in [a for a in top if tally.dated_stances.get(a)][:max_actors]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for date, stances in tally.dated_stances[actor_id]:
            counts[key(date)].update(stances)
        svg = stacked_columns(periods, counts, STANCE_LABELS, STANCE_COLOURS, width=420, height=130,
                              title=f"Stance of {tally.name(actor_id)} per {step}")
        charts.append(f'<figure data-actor="{escape(actor_id)}" style="margin:0"><h3>{escape(tally.name(actor_id))}'
                      f"</h3>{svg}</figure>")
    undated = tally.articles - tally.dated
    note = f" {_count(undated, 'undated article')} left out of this section." if undated else ""
    legend = "".join(_chip(label, STANCE_SHORT[label]) for label in STANCE_LABELS)
    return (head + f'<p class="sv-note">Sentences per {escape(step)} in which each of the top actors takes each '
            f"stance; all charts share the time axis, each has its own count scale.{escape(note)}</p><p>{legend}</p>"
            f'<div class="sv-multiples">{"".join(charts)}</div></section>')


def collection_report_html(records: Iterable[Mapping | Any], *, title: str = "Stance report", top: int = 20) -> str:
    """A self-contained HTML report on a scored collection.

    Sections: an overview; stacked bars of the stance distribution of the ``top`` actors by mentions; a
    matrix of who supports and criticizes which target; sentiment toward the top actors; and stance over time
    per actor when records have a date (``date``, else ``published``; ISO 8601).

    Parameters
    ----------
    records : iterable of dict or Document
        Scored documents (schema ``stance.document/1``, as ``stance score`` writes them; see
        :func:`iter_scores`). Read in one pass; records that are not scored documents are counted and skipped.
    title : str, default="Stance report"
    top : int, default=20
        How many actors (by mentions) the charts show.

    Returns
    -------
    str
        A complete HTML document with sections ``overview``, ``stance-by-actor``, ``targets``, ``sentiment``
        and ``over-time`` (their element ids). No script; all text is escaped.

    Raises
    ------
    InvalidInputError
        When ``top`` is not a positive integer.

    See Also
    --------
    document_html : one article.

    Examples
    --------
    >>> record = {"id": "a", "text": "", "sentences": [], "date": "2025-03-01", "actors": [
    ...     {"id": "nato", "name": "NATO", "type": "organization", "affiliation": None, "mentions": 2,
    ...      "stances": {"threat": 1}, "sentiment": {"positive": 0, "neutral": 1, "negative": 0}}]}
    >>> page = collection_report_html([record, {"line": 2, "reason": "no text"}])
    >>> "NATO (2)" in page, "1 record is not a scored document" in page
    (True, True)
    """
    if not isinstance(top, int) or top < 1:
        raise InvalidInputError(f"top must be a positive number of actors, got {top!r}")
    tally = _Tally()
    for record in records:
        tally.add(record)
    leaders = tally.top(top)
    body = (f'<div class="stance-view stance-report">\n<header><h1>{escape(title)}</h1></header>\n'
            f"{_overview(tally)}\n{_stance_section(tally, leaders)}\n{_target_section(tally)}\n"
            f"{_sentiment_section(tally, leaders)}\n{_time_section(tally, leaders)}\n</div>")
    return _page(title, body)
