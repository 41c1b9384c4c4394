"""The ``stance`` command: a thin layer over the API.

Commands: ``analyze`` (one article: a table or JSON), ``score`` (a collection), ``info`` (the model),
``split`` (sentence spans, for debugging). Exit codes: 0 success, 1 data or model error,
2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from . import __version__
from .exceptions import StanceError

__all__ = ["main"]


def _read_text(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise StanceError(f"cannot read {path}: {error.strerror}") from None
    from .readers import decode_bytes

    text, problem = decode_bytes(data)
    if problem:
        raise StanceError(f"{path}: {problem}")
    return text


def _table(doc) -> str:
    rows = [("sent", "actor", "stance", "score", "target", "sentiment")]
    for sentence in doc.sentences:
        for actor in sentence.actors:
            rows.append((str(sentence.index), actor.name, actor.stance.label, f"{actor.stance.score:.2f}",
                         actor.stance.target or "-", actor.sentiment.label))
    widths = [min(max(len(row[k]) for row in rows), 40) for k in range(len(rows[0]))]
    lines = []
    for row in rows:
        lines.append("  ".join(cell[:40].ljust(width) for cell, width in zip(row, widths)).rstrip())
    sentences = [f"[{s.index}] {s.text}" for s in doc.sentences]
    return "\n".join(sentences) + "\n\n" + "\n".join(lines)


def _cmd_analyze(args) -> int:
    import stance

    nlp = stance.load(args.model, actors=args.actors, embeddings=args.embeddings, word_pieces=args.word_pieces)
    doc = nlp(_read_text(args.file), id=args.id or (None if args.file == "-" else Path(args.file).stem))
    if args.json:
        print(doc.to_json(indent=2 if args.indent else None))
    else:
        print(_table(doc))
    return 0


def _cmd_info(args) -> int:
    from .model import load_model

    bundle = load_model(args.model)
    manifest = dict(bundle.manifest)
    manifest["path"] = str(bundle.path)
    print(json.dumps({k: manifest[k] for k in ("name", "version", "path", "versions", "components", "metrics") if k in manifest},
                     indent=2))
    return 0


def _cmd_split(args) -> int:
    from .text import split_sentences

    text = _read_text(args.file)
    for start, end in split_sentences(text):
        print(f"{start}\t{end}\t{text[start:end]}")
    return 0


def _write_output(path: str, html: str) -> None:
    if path == "-":
        sys.stdout.write(html)
    else:
        Path(path).write_text(html, encoding="utf-8")
        print(f"stance: wrote {path}", file=sys.stderr)


def _cmd_render(args) -> int:
    import stance
    from .render import document_html

    nlp = stance.load(args.model, actors=args.actors, embeddings=args.embeddings, word_pieces=args.word_pieces)
    doc = nlp(_read_text(args.file), id=args.id or (None if args.file == "-" else Path(args.file).stem))
    _write_output(args.output, document_html(doc))
    return 0


def _cmd_report(args) -> int:
    from .render import collection_report_html, iter_scores

    _write_output(args.output, collection_report_html(iter_scores(args.scores), title=args.title, top=args.top))
    return 0


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _cmd_score(args) -> int:
    from .batch import score_collection

    if args.errors is None:  # nothing is lost: bad records always go somewhere
        output = Path(args.output)
        args.errors = str(output.with_name(f"{output.stem}.errors.jsonl"))
    kwargs = dict(jobs=args.jobs, batch_size=args.batch_size, resume=args.resume, errors=args.errors, format=args.format,
                  input_format=args.input_format, id_field=args.id_field, text_field=args.text_field, model=args.model,
                  actors=args.actors, max_length=args.max_length, progress=False if args.quiet else None,
                  summary=args.summary, strict=args.strict, embeddings=args.embeddings,
                  word_pieces=args.word_pieces)
    if args.scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise StanceError("--scheduler needs the dask extra: pip install 'stance[dask]'") from None
        from joblib import parallel_config

        try:
            client = Client(args.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise StanceError(f"cannot connect to the Dask scheduler at {args.scheduler} ({error})") from None
        with client, parallel_config(backend="dask"):  # every worker of the cluster unless --jobs says otherwise
            stats = score_collection(args.input, args.output, **{**kwargs, "jobs": -1 if args.jobs == 1 else args.jobs})
    else:
        stats = score_collection(args.input, args.output, **kwargs)
        if args.jobs != 1:
            from .workers import stop_idle_workers

            stop_idle_workers()  # the program ends here: do not wait for the workers to tear down
    if not args.quiet or stats.failed:
        where = f" (see {args.errors})" if args.errors and stats.failed else ""
        truncated = f", {stats.truncated} truncated" if stats.truncated else ""
        print(f"stance: scored {stats.scored} articles, {stats.failed} failed{where}{truncated}, "
              f"{stats.skipped} already done, {stats.articles_per_second:.1f} articles/s", file=sys.stderr)
    return 1 if (args.strict and stats.failed) else 0


def _cmd_train(args) -> int:
    from .trainer import train_model

    labels = tuple(args.labels.split(",")) if args.labels else None
    report = train_model(args.data, args.out, base=args.base, C=args.C, min_count=args.min_count, labels=labels,
                         n_jobs=args.jobs)
    print(json.dumps(report, indent=2))
    print(f"stance: wrote model to {args.out}; use it with stance.load({str(args.out)!r}) or --model {args.out}",
          file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description="Political actors and their stances in news text.")
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)

    def model_options(command):
        command.add_argument("--model", default="default", help="model name or directory (default: the shipped model)")
        command.add_argument("--actors", help="extra actor list (JSON or CSV: name, aliases, type, affiliation)")
        command.add_argument("--embeddings", action="store_true",
                             help="sentiment and stance from a transformer's reading of the sentence (for stance, "
                                  "from the actor) too: "
                                  "more accurate, 14 to 30 times slower; needs pip install 'stance[embeddings]'")
        command.add_argument("--no-word-pieces", dest="word_pieces", action="store_false",
                             help="stance from the features-only classifier alone, without the attention head over "
                                  "word pieces: about a third faster, less accurate")

    analyze = commands.add_parser("analyze", help="analyse one article (a file, or - for stdin)")
    analyze.add_argument("file")
    analyze.add_argument("--json", action="store_true", help="print the document as JSON (schema stance.document/1)")
    analyze.add_argument("--indent", action="store_true", help="indent the JSON")
    analyze.add_argument("--id", help="document id (default: the file name)")
    model_options(analyze)
    analyze.set_defaults(run=_cmd_analyze)

    score = commands.add_parser("score", help="score a collection: folder of .txt, .jsonl, .csv, or - (JSONL on stdin)")
    score.add_argument("input")
    score.add_argument("-o", "--output", required=True, help="output file (.jsonl or .csv)")
    score.add_argument("--format", choices=["jsonl", "csv"], help="output format (default: from the file suffix)")
    score.add_argument("--input-format", choices=["jsonl", "csv", "txt"], help="input format (default: from the suffix)")
    score.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1; -1: all cores)")
    score.add_argument("--batch-size", type=_positive_int, default=32, help="articles per chunk (default 32)")
    score.add_argument("--resume", action="store_true", help="complete the output of an interrupted run")
    score.add_argument("--errors", help="where records that cannot be scored go (JSON Lines: line, id, reason; "
                                        "default: OUT.errors.jsonl next to the output, created when needed)")
    score.add_argument("--summary", help="write a per-actor summary table (CSV)")
    score.add_argument("--id-field", default="id")
    score.add_argument("--text-field", default="text")
    score.add_argument("--max-length", type=_positive_int, help="maximum article length in characters (default 1,000,000)")
    score.add_argument("--scheduler", help="run on a Dask distributed cluster (tcp://HOST:PORT)")
    score.add_argument("--strict", action="store_true",
                       help="stop with exit code 1 at the first record that cannot be scored (default: record it and go on)")
    score.add_argument("--quiet", "-q", action="store_true", help="no progress bar (for logs)")
    model_options(score)
    score.set_defaults(run=_cmd_score)

    train = commands.add_parser("train", help="train a model on your own annotated data (corpus format)")
    train.add_argument("--data", required=True, help="annotated JSON Lines file, or a folder of them")
    train.add_argument("--out", required=True, help="model directory to write")
    train.add_argument("--labels", help="comma-separated allowed stance labels (default: any)")
    train.add_argument("--base", default="default", help="model to take sentiment classifiers from when the data has none")
    train.add_argument("--C", type=float, default=0.5, help="inverse regularization strength (default 0.5)")
    train.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times (default 2)")
    train.add_argument("--jobs", type=int, default=1,
                       help="classifiers fitted at once, in worker processes (-1: one per core; default 1)")
    train.set_defaults(run=_cmd_train)

    info = commands.add_parser("info", help="print the model manifest: version, labels, metrics")
    info.add_argument("--model", default="default")
    info.set_defaults(run=_cmd_info)

    split = commands.add_parser("split", help="print sentence spans (start, end, text) of a file")
    split.add_argument("file")
    split.set_defaults(run=_cmd_split)

    render = commands.add_parser("render", help="analyse one article and write it as a self-contained HTML page")
    render.add_argument("file", help="a text file, or - for stdin")
    render.add_argument("-o", "--output", required=True, help="the HTML file to write (- for stdout)")
    render.add_argument("--id", help="document id (default: the file name)")
    model_options(render)
    render.set_defaults(run=_cmd_render)

    report = commands.add_parser("report", help="write an HTML report on a scored collection (stance score output)")
    report.add_argument("scores", help="a .jsonl file written by `stance score`, or - for stdin")
    report.add_argument("-o", "--output", required=True, help="the HTML file to write (- for stdout)")
    report.add_argument("--title", default="Stance report", help="the report title")
    report.add_argument("--top", type=int, default=20, help="how many actors (by mentions) the charts show")
    report.set_defaults(run=_cmd_report)
    return parser


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        hint = " Run the same command with --resume to continue." if getattr(args, "command", "") == "score" else ""
        print(f"stance: interrupted.{hint}", file=sys.stderr)
        return 130
    except (StanceError, OSError) as error:
        if args.debug:
            traceback.print_exc()
        print(f"stance: error: {_one_line(error)}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the one place that turns surprises into a message
        if args.debug:
            raise
        print(f"stance: internal error: {type(error).__name__}: {_one_line(error)} (run with --debug for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
