"""The `storyline` command: thin wrappers over the engine's functions of the same name.

Exit codes:
    0  all good
    1  an error stopped the command (bad setting, unreadable store, unknown story, ...)
    2  the command line is wrong (usage)
    3  the command finished, but some inputs were rejected, or some articles or stories
       failed in a stage (each listed on standard error); the rest was done
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from storyline import __version__
from storyline.errors import StorylineError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3

EPILOG = """\
exit codes: 0 all good; 1 an error stopped the command; 2 usage error;
            3 finished, but some inputs were rejected (each listed with file and reason)
              or some articles or stories failed in a stage (listed with file or id,
              stage and error; the rest was built). A failed article is skipped by later
              runs, and still listed (exit 3), until the annotator changes or
              --retry-failed tries it again; a failed story keeps its previous dossier.

examples:
  storyline build examples/dravenmoor-dam -o out      build dossiers of the bundled example
  storyline ingest reports/ feed.jsonl --db news.sqlite
  storyline stories --db news.sqlite
  storyline show s-1a2b3c --format md --db news.sqlite
  storyline watch https://news.example/rss.xml --db news.sqlite -o out --interval 600
  storyline sources --db news.sqlite                 sources and their health
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        help="the store: a SQLite file, created if missing, or a postgresql://user@host/db URL "
        "(needs the postgres extra; default: storyline.sqlite)",
    )
    common.add_argument(
        "--config", help="a TOML settings file (default: ~/.config/storyline/config.toml)"
    )
    out = common.add_mutually_exclusive_group()
    out.add_argument("-q", "--quiet", action="store_true", help="no progress, only errors")
    out.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    common.add_argument(
        "--json", action="store_true", help="print the result as JSON (for scripts)"
    )

    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders: .txt, .json, .jsonl, .html"
    )
    inputs.add_argument(
        "--max-bytes", type=int, help="reject input files larger than this (default 20000000)"
    )
    inputs.add_argument(
        "--retry-failed",
        action="store_true",
        help="annotate again the articles that failed in an earlier run (by default they "
        "are skipped, and listed, until the annotator version changes)",
    )
    inputs.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="stop on the first article or story a stage raises on, with its traceback, "
        "instead of recording it and going on (for development)",
    )
    inputs.add_argument(
        "--executor",
        choices=["local", "process", "dask"],
        help="run annotation in this process, a process pool, or on Dask (needs the dask extra)",
    )
    inputs.add_argument(
        "--workers",
        type=int,
        help="processes for --executor process, or for a local Dask cluster (default 2)",
    )
    inputs.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: an existing Dask scheduler (tcp://host:8786) instead of a "
        "local cluster",
    )

    p = argparse.ArgumentParser(
        prog="storyline",
        description=(
            "Turn news reports about a developing story into a sourced story dossier: a dated "
            "timeline, a cited summary, who is who, who said what, which facts independent "
            "outlets confirm, and where the reports disagree."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        parents=[common, inputs],
        help="ingest PATHs and write a dossier for every story",
        description="Ingest PATHs, then write OUT/<story-id>/dossier.json, dossier.md and "
        "index.html for every story in the store, and print their paths.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("-o", "--out", help="output folder (default: out)")
    b.add_argument(
        "--from",
        dest="timeline_from",
        metavar="DAY",
        help="timelines cover this day (YYYY-MM-DD) and later: read from the reports "
        "published from then on, dated from then on (default: the whole story)",
    )
    b.add_argument(
        "--until",
        dest="timeline_until",
        metavar="DAY",
        help="timelines cover days up to this one (YYYY-MM-DD), read from the reports "
        "published by then (default: the whole story)",
    )
    sub.add_parser(
        "ingest",
        parents=[common, inputs],
        help="add PATHs to the store and annotate them",
        description="Add the articles in PATHs to the store (idempotent: an article already "
        "stored is left as it is) and annotate the new ones.",
    )
    sub.add_parser("stories", parents=[common], help="list the stories in the store")
    s = sub.add_parser("show", parents=[common], help="print one story's dossier")
    s.add_argument("story", metavar="STORY", help="story id (a unique prefix is enough)")
    s.add_argument("--format", choices=["json", "md", "html"], default="md", help="default: md")
    w = sub.add_parser(
        "serve",
        parents=[common],
        help="run the web app and HTTP API (needs the web extra)",
        description="Serve the story list, story pages, article pages, uploads and the HTTP API "
        "(/api/stories, /api/articles, schema at /openapi.json). Binds to 127.0.0.1 by default.",
    )
    w.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    w.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    w.add_argument("--token", help="every write (upload, POST /api/articles) must carry this token")
    w.add_argument(
        "--watch",
        action="store_true",
        help="also poll the watched sources (`storyline sources`) in the background, every "
        "--interval seconds, and update their stories",
    )
    w.add_argument(
        "--interval", type=float, default=300.0, help="with --watch: seconds between polls"
    )
    w.add_argument(
        "--allow-private-sources",
        action="store_true",
        help="let the app fetch sources on loopback, private or link-local addresses "
        "(refused by default: a web user could otherwise make the server read internal hosts)",
    )
    _watch_parsers(sub, common)
    return p


def _watch_parsers(sub, common: argparse.ArgumentParser) -> None:  # type: ignore[no-untyped-def]
    fetching = argparse.ArgumentParser(add_help=False)
    fetching.add_argument(
        "--delay", type=float, default=1.0, help="seconds between two requests to one host"
    )
    fetching.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait for a server (per read)"
    )
    fetching.add_argument(
        "--max-page-bytes",
        type=int,
        default=5_000_000,
        help="abandon a feed or page larger than this (default 5000000)",
    )
    w = sub.add_parser(
        "watch",
        parents=[common, fetching],
        help="follow feeds and sites: fetch new reports and update their stories",
        description="Poll SOURCEs (added to the store's watched sources) or, with none, every "
        "watched source: RSS, Atom or JSON Feed URLs, (news) sitemap URLs, an OPML file of "
        "feeds, or a text file of article URLs. New reports are ingested and the stories "
        "they join rebuilt into OUT. Without --once, polls every --interval seconds until "
        "SIGINT or SIGTERM. Exit 3 when a source or page failed (each named on stderr).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    w.add_argument("sources", nargs="*", metavar="SOURCE", help="URLs or local files")
    w.add_argument("-o", "--out", help="output folder (default: out)")
    w.add_argument("--once", action="store_true", help="poll every source once, then exit")
    w.add_argument(
        "--interval", type=float, default=300.0, help="seconds between polls (default 300)"
    )
    s = sub.add_parser(
        "sources",
        parents=[common],
        help="list, add or remove watched sources",
        description="`storyline sources` lists the watched sources with their health; "
        "`storyline sources add URL...` and `storyline sources remove URL...` change them.",
    )
    s.add_argument("action", nargs="?", choices=["list", "add", "remove"], default="list")
    s.add_argument("urls", nargs="*", metavar="URL", help="feed, sitemap, OPML or URL-list")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return COMMANDS[args.command](args)
    except StorylineError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("storyline: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from storyline.settings import load_settings

    return load_settings(
        args.config,
        db=args.db,
        out=getattr(args, "out", None),
        max_bytes=getattr(args, "max_bytes", None),
        executor=getattr(args, "executor", None),
        workers=getattr(args, "workers", None),
        scheduler=getattr(args, "scheduler", None),
        timeline_from=getattr(args, "timeline_from", None),
        timeline_until=getattr(args, "timeline_until", None),
        strict=getattr(args, "strict", None),
    )


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.quiet or args.json:
        return None
    from rich.console import Console

    from storyline.cli.progress import RichProgress

    return RichProgress(Console(stderr=True))


def _report_problems(report, quiet: bool, started: str = "") -> None:  # type: ignore[no-untyped-def]
    """Rejected inputs (and warnings unless quiet), then failures, one line each."""
    from storyline.engine import problem_text
    from storyline.guard import failure_text

    for p in report.problems:
        if p.rejected or not quiet:
            print(f"storyline: {problem_text(p)}", file=sys.stderr)
    for f in report.failures:
        earlier = ""
        if f.kind == "article" and f.stage == "annotate" and (f.at or "") < started:
            earlier = f" (since {f.at}; skipped until the annotator changes or --retry-failed)"
        print(f"storyline: {failure_text(f)}{earlier}", file=sys.stderr)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _failure_dict(f) -> dict[str, object]:  # type: ignore[no-untyped-def]
    import msgspec

    return msgspec.structs.asdict(f)  # type: ignore[no-any-return]


def _cmd_build(args: argparse.Namespace) -> int:
    from storyline.engine import build

    settings = _settings(args)
    progress = _progress(args)
    started = _now()
    try:
        report = build(
            args.paths, settings=settings, progress=progress, retry_failed=args.retry_failed
        )
    finally:
        if progress is not None:
            progress.close()
    _report_problems(report, args.quiet, started)
    if args.json:
        print(
            json.dumps(
                {
                    "added": len(report.added),
                    "unchanged": len(report.unchanged),
                    "rejected": [_problem_dict(p) for p in report.rejected],
                    "warnings": [_problem_dict(p) for p in report.problems if not p.rejected],
                    "failures": [_failure_dict(f) for f in report.failures],
                    "stories": {
                        sid: {k: str(v) for k, v in paths.items()}
                        for sid, paths in report.outputs.items()
                    },
                },
                indent=2,
            )
        )
    else:
        for story in report.stories:
            print(f"{story.id}  {story.title}  ({len(story.articles)} articles)")
            paths = report.outputs.get(story.id)
            if paths is None:  # it failed and has no dossier from an earlier run
                print("  (no dossier: it failed, see above)")
                continue
            for kind in ("json", "md", "html"):
                print(f"  {paths[kind]}")
        if not args.quiet:
            print(
                f"{len(report.added)} new, {len(report.unchanged)} already stored, "
                f"{len(report.rejected)} rejected, {len(report.failures)} failed; "
                f"store: {settings.db}",
                file=sys.stderr,
            )
    return EXIT_REJECTED if report.rejected or report.failures else EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.store import open_store

    settings = _settings(args)
    progress = _progress(args)
    started = _now()
    store = open_store(settings.db)
    try:
        report = engine.update(args.paths, store, settings, progress, args.retry_failed)
    finally:
        store.close()
        if progress is not None:
            progress.close()
    _report_problems(report, args.quiet, started)
    summary = {
        "added": report.added,
        "unchanged": report.unchanged,
        "rejected": [_problem_dict(p) for p in report.rejected],
        "failures": [_failure_dict(f) for f in report.failures],
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    elif not args.quiet:
        print(
            f"{len(report.added)} new, {len(report.unchanged)} already stored, "
            f"{len(report.rejected)} rejected, {len(report.failures)} failed; "
            f"store: {settings.db}"
        )
    return EXIT_REJECTED if report.rejected or report.failures else EXIT_OK


def _cmd_stories(args: argparse.Namespace) -> int:
    from storyline.store import open_store

    store = open_store(_settings(args).db)
    try:
        stories = store.stories()
        failed = len(store.failures())
        rows = []
        for s in stories:
            dates = sorted(a.published.date for a in store.articles(s.articles) if a.published.date)
            rows.append(
                {
                    "id": s.id,
                    "title": s.title,
                    "articles": len(s.articles),
                    "first_published": dates[0] if dates else None,
                    "last_published": dates[-1] if dates else None,
                }
            )
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            span = f"{r['first_published'] or '?'}..{r['last_published'] or '?'}"
            print(f"{r['id']}  {r['articles']:>4} articles  {span}  {r['title']}")
        if not rows and not args.quiet:
            print("no stories yet; add articles with `storyline ingest PATH`", file=sys.stderr)
    if failed and not args.quiet:
        print(
            f"storyline: {failed} failed article(s) or story(ies) in the store; `storyline build` "
            "lists them, `--retry-failed` tries the articles again",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from storyline import engine, render
    from storyline.errors import NotFoundError
    from storyline.guard import failure, failure_text, isolated, stage_of
    from storyline.store import open_store

    settings = _settings(args)
    store = open_store(settings.db)
    try:
        story = store.get_story(args.story)
    except NotFoundError:
        store.close()
        raise
    try:
        try:
            dossier = store.get_dossier(story.id)
        except NotFoundError:
            dossier = engine.dossier_for(story, store, settings)
            store.put_dossier(dossier)
        fmt = "json" if args.json else args.format
        show = {"json": render.to_json, "md": render.to_markdown, "html": render.to_html}[fmt]
        text = show(dossier)
    except Exception as exc:
        if not isolated(exc, settings.strict):
            raise
        failed = failure("story", story.id, stage_of(exc, "synthesize"), exc)
        print(f"storyline: {failure_text(failed)}", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        store.close()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _problem_dict(p) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {"path": p.path, "line": p.line, "reason": p.reason}


def _cmd_serve(args: argparse.Namespace) -> int:
    from storyline.web.server import serve

    if not args.quiet:
        print(f"storyline: serving http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    serve(
        _settings(args),
        host=args.host,
        port=args.port,
        token=args.token,
        watch=args.interval if args.watch else None,
        allow_private_sources=args.allow_private_sources,
    )
    return EXIT_OK


def _cmd_watch(args: argparse.Namespace) -> int:
    from storyline.cli.watch import watch

    return watch(args, _settings(args))


def _cmd_sources(args: argparse.Namespace) -> int:
    from storyline.cli.watch import sources

    return sources(args, _settings(args))


COMMANDS = {
    "build": _cmd_build,
    "ingest": _cmd_ingest,
    "stories": _cmd_stories,
    "show": _cmd_show,
    "serve": _cmd_serve,
    "watch": _cmd_watch,
    "sources": _cmd_sources,
}

if __name__ == "__main__":
    raise SystemExit(main())
