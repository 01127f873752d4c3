"""Settings: defaults, then a TOML file, then overrides; bad values named with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.settings import Settings, load_settings


def test_defaults_without_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYLINE_CONFIG", str(tmp_path / "absent.toml"))
    assert load_settings() == Settings()


def test_file_then_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[storyline]\ndb = "news.sqlite"\nworkers = 3\nclaim_similarity = 0.8\n')
    s = load_settings(cfg, workers=4, db=None)
    assert (s.db, s.workers, s.claim_similarity) == ("news.sqlite", 4, 0.8)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("workers = 0\n", ["workers", ">= 1"]),
        ('executor = "gpu"\n', ["executor", "local"]),
        ("claim_similarity = 1.5\n", ["claim_similarity", "(0, 1]"]),
        ('colour = "blue"\n', ["unknown setting", "colour"]),
        ("workers = [\n", ["not valid TOML"]),
        ('timeline_from = "2031-3-1"\n', ["timeline_from", "YYYY-MM-DD"]),
        ('timeline_from = "2031-03-09"\ntimeline_until = "2031-03-01"\n', ["on or after"]),
    ],
)
def test_bad_values_say_what_and_how(tmp_path: Path, text: str, words: list[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    for w in words:
        assert w in str(exc.value)


def test_missing_named_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
