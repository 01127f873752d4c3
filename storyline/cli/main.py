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

from storyline.cli.parser import build_parser
from storyline.errors import StorylineError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
        dossier = engine.dossier(story, store, settings)
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
