"""Settings composed of one section per stage, the names users' files already use, and
the executor chosen by name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.executors import (
    EXECUTORS,
    LocalExecutor,
    ProcessExecutor,
    executor_for,
)
from storyline.settings import (
    AnnotateSettings,
    ExecutorSettings,
    LinkSettings,
    RenderSettings,
    Settings,
    SynthesizeSettings,
    load_settings,
)

# A config file as users wrote them before the settings had sections: every name flat.
FLAT = """\
[storyline]
db = "news.sqlite"
out = "dossiers"
executor = "process"
workers = 3
chunk_size = 16
max_bytes = 5000000
embedder = "minilm-int8"
read_sentences = 64
embed_sentences = 32
duplicate_jaccard = 0.9
story_similarity = 0.45
story_window_days = 120
claim_similarity = 0.75
timeline_max_events = 30
timeline_from = "2031-01-01"
timeline_until = "2031-12-31"
summary_max_sentences = 6
strict = true
unattributed_confirms = true
key_claims = 10
reader_language = "es"
"""


def _config(tmp_path: Path, text: str) -> Path:
    """``text`` written as the file ``config.toml`` in ``tmp_path``."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    return cfg


def test_a_flat_config_file_of_every_setting_still_loads(tmp_path: Path) -> None:
    s = load_settings(_config(tmp_path, FLAT))
    assert (s.db, s.strict) == ("news.sqlite", True)
    assert s.render == RenderSettings(out="dossiers", reader_language="es")
    assert s.execution == ExecutorSettings(executor="process", workers=3)
    assert s.annotate == AnnotateSettings(read_sentences=64, embed_sentences=32, chunk_size=16)
    assert s.ingest.max_bytes == 5_000_000
    assert s.link == LinkSettings(
        duplicate_jaccard=0.9,
        story_similarity=0.45,
        story_window_days=120,
        claim_similarity=0.75,
        unattributed_confirms=True,
    )
    assert s.synthesize == SynthesizeSettings(
        timeline_max_events=30,
        timeline_from="2031-01-01",
        timeline_until="2031-12-31",
        summary_max_sentences=6,
        key_claims=10,
    )
    # every setting of the file is a setting of some section, under the same name
    named = {
        f.name
        for section in (s.ingest, s.annotate, s.link, s.synthesize, s.render, s.execution)
        for f in dataclasses.fields(section)
    }
    everything = {f.name for f in dataclasses.fields(s)}
    assert named | {"db", "strict", "tuning", "extra"} == everything


def test_a_file_may_group_settings_by_section(tmp_path: Path) -> None:
    cfg = _config(
        tmp_path,
        '[storyline]\ndb = "a.sqlite"\n[storyline.link]\nclaim_similarity = 0.8\n'
        "[storyline.executor]\nworkers = 4\n",
    )
    s = load_settings(cfg)
    assert (s.db, s.claim_similarity, s.workers) == ("a.sqlite", 0.8, 4)
    cfg.write_text("[storyline.link]\nworkers = 4\n")  # a setting of another section
    with pytest.raises(
        ConfigError, match=r"unknown setting\(s\) \['workers'\] in \[storyline.link\]"
    ):
        load_settings(cfg)


def test_the_executor_is_chosen_by_name_and_an_unknown_name_is_refused() -> None:
    assert tuple(EXECUTORS) == ("local", "process", "dask")
    assert isinstance(executor_for(Settings()), LocalExecutor)
    assert isinstance(executor_for(Settings(executor="process")), ProcessExecutor)
    with pytest.raises(ConfigError, match="'local', 'process', 'dask'"):
        load_settings(executor="spark")
    sneaked = Settings()
    object.__setattr__(sneaked, "executor", "spark")  # past the settings' own check
    with pytest.raises(ConfigError, match="setting 'executor' is 'spark'"):
        executor_for(sneaked)


def test_the_local_executor_runs_each_chunk_in_order_as_it_is_asked_for() -> None:
    read: list[int] = []

    def chunks():  # type: ignore[no-untyped-def]
        for i in range(3):
            read.append(i)
            yield [i]

    def run(chunk):  # type: ignore[no-untyped-def]
        return [chunk[0] * 10], [read[-1]]

    results = executor_for(Settings()).map(run, chunks())  # type: ignore[arg-type]
    assert next(results) == ([0], [0])  # the second chunk is not read before it is needed
    assert list(results) == [([10], [1]), ([20], [2])]


def test_the_stages_tuned_constants_are_overridden_through_their_own_configs(
    tmp_path: Path,
) -> None:
    from storyline.link.claims import ClaimsConfig
    from storyline.link.story_config import Weights
    from storyline.synthesize.timeline.config import TimelineConfig

    assert Settings().tuned("timeline") is None  # nothing set: the stage's own defaults
    cfg = _config(
        tmp_path,
        "[storyline]\nclaim_similarity = 0.8\nstory_window_days = 90\n"
        "[storyline.tuning.timeline]\nlede = 4\n[storyline.tuning.claims]\nrelated = 0.55\n",
    )
    s = load_settings(cfg)
    assert s.tuned("timeline") == TimelineConfig(lede=4)
    # a flat setting is the field of its stage's config
    assert s.tuned("claims") == ClaimsConfig(similarity=0.8, related=0.55)
    assert s.tuned("stories") == Weights(window_days=90)
    for text, words in [
        ("[storyline.tuning.timeline]\nledes = 4\n", ["tuning.timeline", "ledes", "lede"]),
        ("[storyline.tuning.colours]\nred = 1\n", ["colours", "timeline"]),
    ]:
        cfg.write_text(text)
        with pytest.raises(ConfigError) as caught:
            load_settings(cfg)
        assert all(w in str(caught.value) for w in words), caught.value


def test_a_retired_tuning_field_is_ignored_with_a_warning_not_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from storyline.synthesize.timeline.config import TimelineConfig

    # 'listed' was the chronology weight of the timeline's config until it was retired
    cfg = _config(tmp_path, "[storyline.tuning.timeline]\nlisted = 20.0\nlede = 4\n")
    with caplog.at_level("WARNING", logger="storyline.settings"):
        s = load_settings(cfg)
        assert s.tuned("timeline") == TimelineConfig(lede=4)
    assert "tuning.timeline.listed" in caplog.text and "ignored" in caplog.text


def test_tuned_constants_reach_the_stage_and_the_dossier_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline import engine
    from storyline.model import Story

    story = Story(id="s-1", title="t", articles=["a", "b"])
    tuned = Settings(tuning={"timeline": {"lede": 4}})
    assert engine.fingerprint(story, Settings()) == engine.fingerprint(story, Settings(db="x"))
    assert engine.fingerprint(story, tuned) != engine.fingerprint(story, Settings())
    assert engine.fingerprint(story, Settings(claim_similarity=0.8)) != engine.fingerprint(
        story, Settings()
    )

    seen: dict[str, object] = {}

    def synthesize(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs)
        raise RuntimeError("enough")

    monkeypatch.setattr(engine, "linked", lambda story, store, settings: ([], [], None))
    monkeypatch.setattr(engine.synthesize_stage, "synthesize", synthesize)
    with pytest.raises(RuntimeError):
        engine.dossier_for(story, None, tuned)  # type: ignore[arg-type]
    assert seen["timeline_config"] == tuned.tuned("timeline")


def test_the_events_and_figures_configs_are_tuned_like_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import engine
    from storyline import link as link_stage
    from storyline import synthesize as synthesize_stage
    from storyline.link.events.config import EventsConfig
    from storyline.model import Links, Story
    from storyline.synthesize.measures import FiguresConfig

    tuned = (
        "[storyline.tuning.events]\nmerge_similarity = 0.9\n"
        "[storyline.tuning.figures]\nreport_slack = 0\n"
    )
    s = load_settings(_config(tmp_path, tuned))
    assert s.tuned("events") == EventsConfig(merge_similarity=0.9)
    assert s.tuned("figures") == FiguresConfig(report_slack=0)
    story = Story(id="s-1", title="t", articles=["a"])
    for name in ("events", "figures"):  # a dossier built with other constants is rebuilt
        one = Settings(tuning={name: dict(s.tuning[name])})
        assert engine.fingerprint(story, one) != engine.fingerprint(story, Settings())

    seen: dict[str, object] = {}
    monkeypatch.setattr(
        link_stage, "find_events", lambda *args: seen.setdefault("events", args[-1]) and []
    )
    link_stage.link_story(story, [], [], events=s.tuned("events"))
    assert seen["events"] == EventsConfig(merge_similarity=0.9)

    def ledger(*args):  # type: ignore[no-untyped-def]
        seen["figures"] = args[-1]
        raise RuntimeError("enough")

    monkeypatch.setattr(synthesize_stage, "build_ledger", ledger)
    with pytest.raises(RuntimeError):
        synthesize_stage.synthesize(
            story, [], [], Links(story=story.id), max_events=1, max_summary=1, key_claims=1,
            figures_config=s.tuned("figures"),
        )  # fmt: skip
    assert seen["figures"] == FiguresConfig(report_slack=0)


def test_the_dossier_fingerprint_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build with changed code rebuilds every dossier, even one whose articles and
    settings are the same: the version string only changes at a release."""
    from storyline.engine import freshness
    from storyline.model import Story

    story = Story(id="s-1", title="t", articles=["a", "b"])
    before = freshness.fingerprint(story, Settings())
    assert freshness.code_digest() == freshness.code_digest()  # read once, stable
    monkeypatch.setattr(freshness, "code_digest", lambda: "0" * 16)
    assert freshness.fingerprint(story, Settings()) != before
