"""SIGKILL trials: a real ``storyline build`` killed at a random moment, then run again.

Shared by ``tests/test_crash_trials.py`` (a few trials) and ``benchmarks/crash_trials.py``
(many). The corpus is fictional and written for these trials: three stories (a ferry
aground, a mill fire, a tram vote), fifteen reports from several outlets, two undated,
fed in five batches so that later batches grow stories whose dossiers exist already.

A trial runs ``storyline build`` on the batches so far, kills it with SIGKILL after a
random delay, runs the same build again and checks what a user relies on: the re-run
exits 0; every input article is stored once and annotated; every stored story has a
dossier whose files on disk are whole and are that stored dossier (same stamp, same
article count, fingerprint of what the story holds now); nothing committed before the
kill is gone; no temporary file is left.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline import annotate, engine
from storyline.ingest import read_inputs
from storyline.model import Article
from storyline.render import files as dossier_files
from storyline.settings import Settings
from storyline.store import open_store

_FERRY = [
    (
        "ferry-1.txt",
        "date 2029-09-02 By Anneli Korsvik, Harsund Post\n\n"
        "Ferry Saga Veltra runs aground in the Harsund Strait\n\n"
        "The passenger ferry Saga Veltra ran aground on a sandbank off Tolvik Island on "
        "Sunday night with 212 passengers and 31 crew on board, the coast guard said. "
        "Fourteen people were treated for minor injuries after the ship lurched to one side. "
        "\u201cThe captain reported a steering failure minutes before the grounding,\u201d coast "
        "guard spokeswoman Liv Aarholm said. Tugboats from Harsund were sent to the scene "
        "and the passengers were taken ashore by lifeboat before dawn.\n",
    ),
    (
        "ferry-2.txt",
        "date 2029-09-03 By Piet Ondermaal, Northwind Daily\n\n"
        "Tugs fail to free grounded ferry\n\n"
        "Two tugboats failed on Monday to pull the ferry Saga Veltra off the sandbank near "
        "Tolvik Island. The number of people treated for injuries rose to 17, the regional "
        "hospital in Harsund said. Liv Aarholm of the coast guard said a second attempt was "
        "planned for Wednesday at high tide. The ferry operator, Brightwater Lines, said it "
        "had cancelled all crossings to Tolvik until further notice.\n",
    ),
    (
        "ferry-3.txt",
        "date 2029-09-05 By Anneli Korsvik, Harsund Post\n\n"
        "Saga Veltra refloated at high tide\n\n"
        "The ferry Saga Veltra was refloated on Wednesday morning and towed to the dry dock "
        "in Harsund, the coast guard said. Inspectors found a crack in the hull about four "
        "metres long. \u201cWe were lucky the weather held,\u201d Brightwater Lines chief "
        "executive Hanne Solberg told reporters. The maritime authority has opened an "
        "inquiry into the steering failure.\n",
    ),
    (
        "ferry-4.txt",
        "By Rasmus Elgaard, Coastline Weekly\n\n"
        "Inquiry into Saga Veltra grounding hears from crew\n\n"
        "Investigators of the maritime authority questioned the crew of the Saga Veltra on "
        "Thursday about the steering failure that put the ferry on a sandbank off Tolvik "
        "Island. Brightwater Lines said the ship had passed its last inspection in June. "
        "Hanne Solberg said crossings to Tolvik would resume with a chartered vessel.\n",
    ),
    (
        "ferry-5.txt",
        "date 2029-09-12 By Piet Ondermaal, Northwind Daily\n\n"
        "Crossings to Tolvik resume with chartered ferry\n\n"
        "Crossings between Harsund and Tolvik Island resumed on Tuesday with a chartered "
        "ferry, a week and a half after the Saga Veltra ran aground. Brightwater Lines said "
        "repairs to the Saga Veltra would take at least two months. The maritime authority "
        "expects to publish its first findings in November.\n",
    ),
]

_MILL = [
    (
        "mill-1.txt",
        "date 2029-09-04 By Oskar Brandvold, Kelbrook Gazette\n\n"
        "Fire destroys weaving hall at Kelbrook mill\n\n"
        "A fire destroyed the main weaving hall of the Arnholt textile mill in Kelbrook on "
        "Tuesday afternoon. All 86 workers on the shift were evacuated and nobody was hurt, "
        "the fire brigade said. \u201cThe roof collapsed within twenty minutes,\u201d fire "
        "chief Dagny Lindel said. Smoke could be seen from the motorway east of the town.\n",
    ),
    (
        "mill-2.txt",
        "date 2029-09-05 By Mira Tollefsen, Valley Herald\n\n"
        "Arnholt mill fire started in dye store, brigade says\n\n"
        "The fire at the Arnholt textile mill started in a store of dyes and solvents, fire "
        "chief Dagny Lindel said on Wednesday. The owner, Arnholt Textiles, put the damage at "
        "about 9 million crowns. Mayor Jorun Falk said the town would help the 86 workers "
        "find temporary jobs.\n",
    ),
    (
        "mill-3.txt",
        "By Oskar Brandvold, Kelbrook Gazette\n\n"
        "Arnholt Textiles promises to rebuild\n\n"
        "Arnholt Textiles said it would rebuild the weaving hall in Kelbrook that burned "
        "down last week. Managing director Sven Arnholt said the damage was closer to 11 "
        "million crowns once the looms were counted. \u201cEvery worker will keep a job "
        "here,\u201d he said.\n",
    ),
    (
        "mill-4.txt",
        "date 2029-09-14 By Mira Tollefsen, Valley Herald\n\n"
        "Police close Arnholt fire inquiry\n\n"
        "Police in Kelbrook said on Friday that the fire at the Arnholt textile mill was an "
        "accident caused by a faulty heater in the dye store. Dagny Lindel said the brigade "
        "would inspect the other mills in the valley before winter.\n",
    ),
    (
        "mill-5.txt",
        "date 2029-10-01 By Oskar Brandvold, Kelbrook Gazette\n\n"
        "Work begins on new weaving hall in Kelbrook\n\n"
        "Builders began clearing the burned weaving hall of the Arnholt textile mill on "
        "Monday. Sven Arnholt said the new hall should open in the spring. Mayor Jorun Falk "
        "attended the start of the work with about forty of the mill's workers.\n",
    ),
]

_TRAM = [
    (
        "tram-1.txt",
        "date 2029-09-03 By Teodor Vansk, Vessany Courier\n\n"
        "Vessany council to vote on eastern tram line\n\n"
        "The city council of Vessany will vote next week on a plan for a tram line to the "
        "eastern districts, council leader Erna Quist said on Monday. The line would run "
        "7.5 kilometres from the central station to Ferrow Park. \u201cThis is the biggest "
        "transport decision in a generation,\u201d Quist said.\n",
    ),
    (
        "tram-2.txt",
        "date 2029-09-08 By Ylva Dorne, Metro Ledger\n\n"
        "Shopkeepers protest over Vessany tram plan\n\n"
        "About 300 shopkeepers marched through Vessany on Saturday against the eastern tram "
        "line, saying two years of building work would ruin their trade. Opposition "
        "councillor Mats Helland said the plan would cost 410 million crowns, not the 350 "
        "million the council had given.\n",
    ),
    (
        "tram-3.txt",
        "date 2029-09-11 By Teodor Vansk, Vessany Courier\n\n"
        "Vessany council approves eastern tram line\n\n"
        "The Vessany city council approved the eastern tram line on Tuesday by 27 votes to "
        "18. Erna Quist said building would start in March and the first trams would run in "
        "2032. Mats Helland said his group would ask the regional court to review the vote.\n",
    ),
    (
        "tram-4.txt",
        "By Ylva Dorne, Metro Ledger\n\n"
        "Tram opponents go to court\n\n"
        "Opponents of the eastern tram line in Vessany filed a complaint with the regional "
        "court, Mats Helland said. The council says the vote followed every rule. Erna Quist "
        "said the work would not wait for the court.\n",
    ),
    (
        "tram-5.txt",
        "date 2029-10-02 By Teodor Vansk, Vessany Courier\n\n"
        "Court rejects complaint against Vessany tram vote\n\n"
        "The regional court on Tuesday rejected the complaint against the Vessany council's "
        "vote on the eastern tram line. Erna Quist called the ruling \u201ca green light for "
        "the east of the city\u201d. Building work remains planned for March.\n",
    ),
]

REPORTS = [*_FERRY, *_MILL, *_TRAM]
# Five batches, each adding to every story, the first starting all three.
BATCHES = [[s[i] for s in (_FERRY, _MILL, _TRAM)] for i in range(5)]


def write_batches(root: Path) -> list[Path]:
    """Write the five batches as folders ``root/batch-N``; returns the folders in order."""
    folders = []
    for n, batch in enumerate(BATCHES, 1):
        folder = root / f"batch-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in batch:
            (folder / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def cli(*args: str | Path) -> list[str]:
    """The command line of a real ``storyline`` process (this interpreter, this code)."""
    return [sys.executable, "-m", "storyline", *map(str, args)]


def command(inputs: list[Path], db: str, out: Path) -> list[str]:
    return cli("build", *inputs, "--db", db, "-o", out, "--json", "--verbose")


# Where a trial aims its kill: the log line that starts the stage, and how long after it
# (at most, in seconds) the kill may come. A kill that comes late lands in a later stage.
MARKERS = {
    "ingest": ("storyline.engine: ingest", 0.05),
    "annotate": ("storyline.engine: annotate", 2.0),
    "synthesize": ("storyline.engine: synthesize", 2.0),
    "render": ("storyline.render: wrote dossier", 0.5),
}
# "stored": the kill comes as soon as a dossier is stored and its files are not yet
# written (the store is watched from the synthesize stage on).
STAGES = (*MARKERS, "stored")


@dataclass
class Trial:
    batches: int  # how many batches the build was given
    aim: str  # the stage the kill was aimed at
    delay: float  # seconds after that stage's log line
    killed: bool  # False when the build finished before the kill
    stage: str  # the last stage the killed build had reached (from its log)
    stale: int  # stored dossiers whose files on disk were not theirs right after the kill
    rerun_exit: int
    problems: list[str] = field(default_factory=list)

    @property
    def survived(self) -> bool:
        return self.rerun_exit == 0 and not self.problems


def _stage(log: list[str]) -> str:
    """The last stage a build's ``--verbose`` log shows it reached."""
    reached = "start"
    for line in log:
        for stage, (marker, _) in MARKERS.items():
            if marker in line:
                reached = stage
    return reached


def run_trial(
    inputs: list[Path], db: str, out: Path, aim: str, delay: float, timeout: float = 300
) -> Trial:
    """Start the build, SIGKILL it ``delay`` s after the log shows stage ``aim`` began,
    run the same build again and check the result."""
    settings = Settings(db=db, out=str(out))
    proc = subprocess.Popen(
        command(inputs, db, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    log: list[str] = []
    reached = threading.Event()
    marker = MARKERS["synthesize" if aim == "stored" else aim][0]

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            log.append(line)
            if marker in line:
                reached.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    killed = False
    while proc.poll() is None:
        if reached.wait(0.01):
            if aim == "stored":
                _wait_until_stale(db, out, proc)
            else:
                time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed = True
            break
    proc.wait(timeout=timeout)
    reader.join(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()
    committed = _committed(db)
    stale = _stale(db, out)
    rerun = subprocess.run(
        command(inputs, db, out), capture_output=True, timeout=timeout, check=False
    )
    trial = Trial(
        batches=len(inputs),
        aim=aim,
        delay=round(delay, 3),
        killed=killed,
        stage=_stage(log) if killed else "finished",
        stale=stale,
        rerun_exit=rerun.returncode,
    )
    if rerun.returncode != 0:
        trial.problems.append(f"re-run exited {rerun.returncode}: {rerun.stderr.decode()[-800:]}")
        return trial
    trial.problems.extend(check(inputs, settings, committed))
    return trial


def _wait_until_stale(db: str, out: Path, proc: subprocess.Popen[str]) -> None:
    """Return once a stored dossier's files are not written yet, or the build is over."""
    store = open_store(db)
    try:
        while proc.poll() is None:
            for story in store.stories():
                stamp = store.dossier_stamp(story.id)
                if stamp is not None and not dossier_files.holds(out / story.id, story.id, *stamp):
                    return
            time.sleep(0.001)
    finally:
        store.close()


def _committed(db: str) -> set[str]:
    """The ids of the articles the store holds right after the kill."""
    if not db.startswith("postgres") and not Path(db).exists():
        return set()
    store = open_store(db)
    try:
        return set(store.article_ids())
    finally:
        store.close()


def _stale(db: str, out: Path) -> int:
    """How many stored dossiers the files on disk do not hold (right after a kill)."""
    if not db.startswith("postgres") and not Path(db).exists():
        return 0
    store = open_store(db)
    try:
        n = 0
        for story in store.stories():
            stamp = store.dossier_stamp(story.id)
            if stamp is not None and not dossier_files.holds(out / story.id, story.id, *stamp):
                n += 1
        return n
    finally:
        store.close()


def check(inputs: list[Path], settings: Settings, committed: set[str]) -> list[str]:
    """What is wrong with the store and the output folder after a completed build."""
    problems: list[str] = []
    want = {a.id for a in read_inputs(inputs) if isinstance(a, Article)}
    out = Path(settings.out)
    store = open_store(settings.db)
    try:
        articles = store.articles()
        ids = [a.id for a in articles]
        if len(ids) != len(set(ids)) or store.article_count() != len(ids):
            problems.append("an article is stored twice")
        if set(ids) != want:
            problems.append(
                f"stored articles differ from the inputs: {len(set(ids) - want)} extra, "
                f"{len(want - set(ids))} missing"
            )
        lost = committed - set(ids)
        if lost:
            problems.append(f"{len(lost)} articles committed before the kill are gone")
        version = annotate.annotator_version(settings.embedder, settings.budget)
        if store.unannotated(version):
            problems.append(f"{len(store.unannotated(version))} articles not annotated")
        stories = store.stories()
        placed = [a for s in stories for a in s.articles]
        if sorted(placed) != sorted(ids):
            problems.append("the stories do not hold every article exactly once")
        for story in stories:
            problems.extend(_check_story(story, store, settings, out / story.id))
    finally:
        store.close()
    left = [p for p in out.rglob(".tmp-*")]
    if left:
        problems.append(f"temporary files left: {[str(p) for p in left]}")
    return problems


def _check_story(story, store, settings: Settings, folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    stamp = store.dossier_stamp(story.id)
    if stamp is None:
        return [f"story {story.id} has no stored dossier"]
    try:
        data = json.loads((folder / "dossier.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"story {story.id}: dossier.json unreadable: {exc}"]
    problems = []
    stored = store.get_dossier(story.id)
    if data["story"]["articles"] != len(story.articles) or stored.story.articles != len(
        story.articles
    ):
        problems.append(
            f"story {story.id}: {len(story.articles)} articles, dossier.json says "
            f"{data['story']['articles']}, stored dossier {stored.story.articles}"
        )
    if data.get("fingerprint") != engine.fingerprint(story, settings):
        problems.append(f"story {story.id}: dossier.json fingerprint is not the story's")
    if data.get("generated") != stored.generated:
        problems.append(f"story {story.id}: dossier.json is not the stored dossier")
    on_disk = dossier_files.verify(folder)
    if on_disk is None:
        problems.append(f"story {story.id}: files missing, cut short or not the stamped ones")
    elif (on_disk.fingerprint, on_disk.generated) != stamp:
        problems.append(f"story {story.id}: files hold {on_disk.generated}, store {stamp[1]}")
    return problems


def trials(
    root: Path,
    n: int,
    seed: int,
    db: str | None = None,
    aims: Sequence[str] | None = None,
    log: bool = False,
) -> list[Trial]:
    """``n`` trials: trial k of a cycle builds batches 1..k, killed at a random moment
    of a stage (``aims[k]``, else drawn at random). A cycle is five trials on one new
    store (SQLite under ``root`` unless ``db`` names one, used by the first cycle only)."""
    rng = random.Random(seed)
    folders = write_batches(root / "corpus")
    done: list[Trial] = []
    for k in range(n):
        cycle, step = divmod(k, len(folders))
        store = db if db is not None and cycle == 0 else str(root / f"store-{cycle}.sqlite")
        out = root / f"out-{cycle}"
        aim = aims[k % len(aims)] if aims else rng.choice(STAGES)
        delay = rng.uniform(0, MARKERS[aim][1]) if aim in MARKERS else 0.0
        trial = run_trial(folders[: step + 1], store, out, aim, delay)
        done.append(trial)
        if log:
            print(json.dumps(trial.__dict__ | {"survived": trial.survived}), file=sys.stderr)
    return done
