"""The audit set's disagreements as an older commit's ledger flags them, run under that
commit's code and its own ``benchmarks/eval_ledger.py`` (``eval_ledger.py`` exports the
commit and runs this file there). Annotations come from this run's per-article cache
(``--cache``), passed as msgpack and laid out as the older script reads them, so nothing
is annotated again.

    python _ledger_main.py TREE CACHE PAIRS ROOT   # prints one JSON object: tp, fp, fn

The older commit's own dependencies must be installed (5dd05ca reads languages with
py3langid: ``pip install py3langid==0.2.2`` in the benchmark's environment).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

PARTS = ("storyline", "benchmarks")  # what of the commit is exported


def _flags(tree: Path, cache: Path, pairs_path: Path, root: Path) -> dict[str, int]:
    """``cache``: this run's annotations as msgpack (``_portable``), one file an article."""
    sys.path.insert(0, str(tree / "benchmarks"))
    import eval_ledger as old  # the older commit's script
    import msgspec

    from storyline.annotate import ANNOTATOR_VERSION
    from storyline.model import Annotation

    pairs = [json.loads(x) for x in pairs_path.read_text().splitlines() if x.strip()]
    files: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        files[p["topic"]] |= {p["a"]["path"], p["b"]["path"]}
    scratch = Path(tempfile.mkdtemp())
    old.CACHE = scratch
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for name, told in sorted(files.items()):
        paths = [root / f for f in sorted(told)]
        articles = [old.load_article(root, f) for f in paths]
        anns = []
        for a in articles:
            data = (cache / f"{a.id}.msgpack").read_bytes()
            anns.append(msgspec.msgpack.decode(data, type=Annotation))
        tag = old.hashlib.sha1(
            "\n".join([ANNOTATOR_VERSION, *(a.id for a in articles)]).encode()
        ).hexdigest()[:16]
        with (scratch / f"annotations-{tag}.pickle").open("wb") as fh:
            pickle.dump(anns, fh)
        topic = old.Topic(root, name, paths)
        for p in (p for p in pairs if p["topic"] == name):
            a = old._find(topic.figures, topic, p["a"])
            b = old._find(topic.figures, topic, p["b"])
            got = a is not None and b is not None and old.new_flags(a, b)
            gold = p["label"] == "disagree"
            counts["tp"] += got and gold
            counts["fp"] += got and not gold
            counts["fn"] += gold and not got
    return counts


def run(commit: str, cache: Path, pairs: Path, root: Path) -> dict[str, int]:
    """Export ``commit`` and count its flags on the pairs, in a process of its own."""
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp, "tree.tar")
        subprocess.run(
            ["git", "-C", str(repo), "archive", "-o", str(archive), commit, *PARTS],
            check=True,
        )
        tree = Path(tmp, "tree")
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        here = str(Path(__file__).resolve())
        portable = _portable(cache, Path(tmp, "annotations"))
        args = [sys.executable, here, str(tree), str(portable), str(pairs), str(root)]
        env = {**os.environ, "PYTHONPATH": str(tree)}
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{commit}'s ledger failed on the pairs: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def _portable(cache: Path, out: Path) -> Path:
    """This run's cached annotations as msgpack by field name, which an older commit's
    records decode (a pickle names this code's classes, which the older code lacks)."""
    import msgspec

    from storyline.annotate import ANNOTATOR_VERSION

    out.mkdir()
    for path in cache.glob(f"{ANNOTATOR_VERSION}-*.pickle"):
        with path.open("rb") as fh:
            ann = pickle.load(fh)  # our own cache file
        article = path.stem.split("-", 1)[1]
        (out / f"{article}.msgpack").write_bytes(msgspec.msgpack.encode(ann))
    return out


if __name__ == "__main__":
    tree_, cache_, pairs_, root_ = (Path(x) for x in sys.argv[1:5])
    print(json.dumps(_flags(tree_, cache_, pairs_, root_)))
