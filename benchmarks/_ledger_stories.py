"""Disagreements and claims per story, the code before against the code now, on the same
annotations: the Timeline17 topics of a store built by ``eval_tls.py --db`` (one story per
topic, as its ingest named them) and ``../shared/seeds`` built afresh.

``compare`` exports the code before (``git archive``) to a scratch folder and runs this
file under it and under the working tree, each in its own process; run as a script, it
prints one JSON object of counts for the code it imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def counts(dossier) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """What a reader meets in one dossier: its disputes and its claims."""
    quantity = [c for c in dossier.conflicts if c.kind == "quantity"]
    return {
        "articles": dossier.story.articles,
        "quantity_disagreements": sum(1 for c in quantity if not c.explained),
        "quantity_noted": sum(1 for c in quantity if c.explained),
        "conflicts": len(dossier.conflicts),
        "claims": len(dossier.claims),
        "multi_report_claims": sum(
            1 for c in dossier.claims if len({e.article for e in c.evidence}) >= 2
        ),
        "tracks": len(getattr(dossier, "tracks", [])),
    }


def measure(db: str | None) -> dict[str, dict[str, int]]:
    """Counts per Timeline17 topic of the store ``db`` and per seeds story, for the
    storyline this process imports."""
    import msgspec

    from storyline import engine
    from storyline.model import Dossier, Story
    from storyline.settings import load_settings
    from storyline.store import open_store

    out: dict[str, dict[str, int]] = {}
    if db:
        settings = load_settings(db=db)
        store = open_store(settings.db)
        try:
            topics: dict[str, list[str]] = defaultdict(list)
            for a in store.articles():
                topics[Path(a.path or "unknown").stem].append(a.id)
            for topic, ids in sorted(topics.items()):
                story = Story(id=topic, title=topic, articles=sorted(ids))
                out[topic] = counts(engine.dossier_for(story, store, settings))
        finally:
            store.close()
    with tempfile.TemporaryDirectory() as tmp:
        from storyline.cli.main import main as cli

        cli(["build", str(SEEDS), "-o", f"{tmp}/out", "--db", f"{tmp}/seeds.sqlite"])
        for path in sorted(Path(tmp, "out").rglob("dossier.json")):
            dossier = msgspec.json.decode(path.read_bytes(), type=Dossier)
            out[f"seeds/{path.parent.name}"] = counts(dossier)
    return out


def _run(tree: Path, db: str | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    args = [sys.executable, str(Path(__file__).resolve()), *([db] if db else [])]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"per-story counts under {tree} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(root: Path, db: str | None, before: str) -> dict:
    """Counts per story before (``before``: a git revision) and now, side by side."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp, "before.tar")
        subprocess.run(
            ["git", "-C", str(REPO), "archive", "-o", str(archive), before, "storyline"],
            check=True,
        )
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp, "before"), filter="data")
        was = _run(Path(tmp, "before"), db)
    now = _run(REPO, db)
    return {
        story: {"before": was.get(story), "after": now.get(story)}
        for story in sorted(set(was) | set(now))
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1] if len(sys.argv) > 1 else None), sort_keys=True))
