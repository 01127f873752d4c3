"""The `storyline` command as a user runs it: help, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli.main import EXIT_OK, EXIT_REJECTED, main

GOOD = (
    "date 2025-02-03 By Lena Ortvik, Harbor Gazette\n\n"
    "The ferry Calder Star ran aground near Pellham Point on Monday, the port authority said.\n\n"
    "All 212 passengers were taken ashore by lifeboats within three hours, officials said.\n\n"
    "\u201cThe crew acted quickly and no one was hurt,\u201d port director Ravi Okonkwo said.\n"
)
OTHER = (
    "date 2025-02-04 By Tom Brisk, Coastline Daily\n\n"
    "Investigators began examining the Calder Star on Tuesday, a day after the ferry ran aground "
    "near Pellham Point.\n\n"
    "The port authority said 212 passengers had been brought ashore safely.\n"
)


def test_help_explains_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in ("build", "ingest", "stories", "show", "exit codes", "rejected"):
        assert word in out
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert "--out" in capsys.readouterr().out


def test_quiet_and_verbose_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["stories", "--quiet", "--verbose"])
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_rest_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite"
    first = tmp_path / "first"
    first.mkdir()
    (first / "good.txt").write_text(GOOD, encoding="utf-8")
    assert (
        main(["build", str(first), "-o", str(tmp_path / "out"), "--db", str(db), "--quiet"])
        == EXIT_OK
    )
    capsys.readouterr()

    from storyline.store import open_store

    store = open_store(str(db))
    (kept,) = store.articles()
    store.close()

    bad = tmp_path / "batch"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 64)
    latin1 = "date 2025-02-05\n\nA caf\u00e9 owner in Pellham said the ferry's wreck drew crowds.\n"
    (bad / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    lines = [
        json.dumps({"text": OTHER, "outlet": "Coastline Daily", "date": "2025-02-04"}),
        "{not json",
        json.dumps({"title": "no text here"}),
    ]
    (bad / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (bad / "huge.txt").open("wb") as fh:
        fh.write(b"word " * (10 * 1024 * 1024))  # 50 MiB

    code = main(["build", str(bad), "-o", str(tmp_path / "out"), "--db", str(db), "--json"])
    captured = capsys.readouterr()
    assert code == EXIT_REJECTED
    result = json.loads(captured.out)
    rejected = {(Path(r["path"]).name, r["line"]): r["reason"] for r in result["rejected"]}
    assert set(rejected) == {
        ("empty.txt", None),
        ("binary.txt", None),
        ("feed.jsonl", 2),
        ("feed.jsonl", 3),
        ("huge.txt", None),
    }, rejected
    assert "empty" in rejected[("empty.txt", None)]
    assert "binary" in rejected[("binary.txt", None)]
    assert "--max-bytes" in rejected[("huge.txt", None)]
    assert "JSON" in rejected[("feed.jsonl", 2)]
    assert "text" in rejected[("feed.jsonl", 3)]
    warnings = {Path(w["path"]).name: w["reason"] for w in result["warnings"]}
    assert "latin1.txt" in warnings and "UTF-8" in warnings["latin1.txt"]
    # the latin-1 file and the good JSON line were ingested
    assert result["added"] == 2
    for name in ("empty.txt", "binary.txt", "feed.jsonl:2", "huge.txt"):
        assert name in captured.err

    store = open_store(str(db))
    try:
        assert store.get_article(kept.id) == kept
        assert store.article_count() == 3
        texts = [a.text for a in store.articles()]
        assert any("caf\u00e9" in t for t in texts)
    finally:
        store.close()


@pytest.mark.slow
def test_stories_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    assert main(["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert len(stories) == 1 and stories[0]["articles"] == 2
    assert main(["show", stories[0]["id"][:6], "--db", db, "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["story"]["id"] == stories[0]["id"]
    assert {a["outlet"] for a in d["articles"]} == {"Harbor Gazette", "Coastline Daily"}
    assert main(["show", "s-nope", "--db", db]) == 1
    assert "no story" in capsys.readouterr().err


def test_build_with_a_window_keeps_the_timeline_within_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(GOOD, encoding="utf-8")
    (reports / "b.txt").write_text(OTHER, encoding="utf-8")
    db, out = str(tmp_path / "s.sqlite"), tmp_path / "out"

    def timeline(*window: str) -> tuple[list[dict], set[str]]:
        """The timeline's entries, and the files their evidence comes from; the reports
        say which window they cover."""
        args = ["build", str(reports), "--db", db, "-o", str(out), "-q", "--json", *window]
        assert main(args) == EXIT_OK
        (paths,) = json.loads(capsys.readouterr().out)["stories"].values()
        dossier = json.loads(Path(paths["json"]).read_text(encoding="utf-8"))
        path_of = {a["id"]: Path(a["path"]).name for a in dossier["articles"]}
        cited = {path_of[ev["article"]] for e in dossier["timeline"] for ev in e["evidence"]}
        said = {
            "--until": "Window: up to 3 Feb 2025, from the reports published by then.",
            "--from": "Window: from 4 Feb 2025, from the reports published since.",
        }.get(window[0] if window else "", "Window:")
        for kind in ("md", "html"):
            report = Path(paths[kind]).read_text(encoding="utf-8")
            assert (said in report) == bool(window), (kind, said)
        return dossier["timeline"], cited

    whole, cited = timeline()
    assert {e["date"] for e in whole} >= {"2025-02-03", "2025-02-04"}
    assert cited == {"a.txt", "b.txt"}
    # The window is part of what a dossier is built from: changing it rebuilds.
    early, cited = timeline("--until", "2025-02-03")
    assert early and {e["date"] for e in early} == {"2025-02-03"}
    assert cited == {"a.txt"}  # b.txt, published on 02-04, is not read
    late, cited = timeline("--from", "2025-02-04")
    assert late and {e["date"] for e in late} == {"2025-02-04"}
    assert cited == {"b.txt"}


def test_a_window_that_is_not_a_day_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "x.txt", "--until", "Feb 3"]) == 1
    err = capsys.readouterr().err
    assert "timeline_until" in err and "YYYY-MM-DD" in err
