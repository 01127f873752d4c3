"""The command line's grammar: the commands, their options and the help text."""

from __future__ import annotations

import argparse

from storyline import __version__

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


def build_parser() -> argparse.ArgumentParser:
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
