"""The entry-test benchmark: the cues read from a candidate's annotations, and a model
scored on each story by what it learnt from the others only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyline import model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import entry_model
from _entry_cues import FEATURES, StoryReading, features
from entry_model import loto

NEWS = "Dockers at Velmora walked out on Monday over night shifts, the union said."
CAPTION = "Dockers at Velmora stand at the closed harbour gates on Monday."
COLUMN = "We should have seen the quarrel at Velmora coming."


def _annotation(article: str, lines: list[str], **extra: list) -> model.Annotation:
    sentences, start = [], 0
    for i, line in enumerate(lines):
        sentences.append(model.Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    at = [(s, s.text.find("Velmora")) for s in sentences]
    names = [model.Mention(sentence=s.index, start=s.start + k, end=s.start + k + 7, text="Velmora",
                     label="GPE") for s, k in at if k >= 0]  # fmt: skip
    return model.Annotation(article=article, sentences=sentences, mentions=names, **extra)


def _monday(sentence: int, tense: str) -> model.TimeExpr:
    return model.TimeExpr(sentence=sentence, start=0, end=6, text="Monday", type="DATE",
                    value="2031-03-03", granularity="day", relative=True, tense=tense)  # fmt: skip


def _cues(article: str, sentence: int, text: str, day: str, story: StoryReading) -> dict:
    told = [model.Evidence(article=article, sentence=sentence, text=text)]
    event = model.Event(date=day, granularity="day", status="occurred", text=text, evidence=told)
    return features(event, story)


def test_the_cues_tell_a_reported_dated_event_from_a_caption_and_a_column() -> None:
    gallery = ["Velmora harbour strike enters second week", CAPTION, COLUMN]
    day = model.Published(date="2031-03-04")
    articles = [model.Article(id="news", text=NEWS, published=day),
                model.Article(id="gallery", text="\n".join(gallery), published=day)]  # fmt: skip
    said = model.Quote(sentence=0, sentences=[0], text=NEWS, speaker="the union", direct=False)
    annotations = [
        _annotation("news", [NEWS], timexes=[_monday(0, "past")], quotes=[said]),
        _annotation("gallery", gallery, timexes=[_monday(1, "present")]),
    ]
    terms = frozenset({"velmora"})
    story = StoryReading(articles, annotations, terms, terms)
    news = _cues("news", 0, NEWS, "2031-03-03", story)
    caption = _cues("gallery", 1, CAPTION, "2031-03-03", story)
    column = _cues("gallery", 2, COLUMN, "2031-03-04", story)
    assert news["said"] and news["past"] and news["relative"] and not news["present"]
    assert caption["present"] and not caption["said"] and not caption["past"]
    assert column["first_person"] and column["lede"] and column["report_day"]
    assert news["age"] == caption["age"] > column["age"] == 0.0
    # The caption's words are the news report's of the same day: the story tells it again.
    assert caption["echo_words"] > column["echo_words"]


def _row(topic: str, event: bool, question: float) -> dict:
    cues = dict.fromkeys(FEATURES, 0.0) | {"question": question}
    return {"topic": topic, "key": ["2031-03-03", "a", 0, None], "batch": "b", "right": event,
            "why": "" if event else "not-event", "event": event, "features": cues}  # fmt: skip


def test_each_story_is_scored_by_a_model_of_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In every story a question is no event; a story whose judgements are still being made
    # blind is never read.
    monkeypatch.setattr(entry_model, "BLIND", frozenset({"es/egypt"}))
    rows = [
        _row(story, event, question)
        for story in ("harbour", "strike", "flood", "es/egypt")
        for event, question in [(True, 0.0)] * 6 + [(False, 1.0)] * 2
    ]
    path = tmp_path / "cues.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = loto([path])
    assert "es/egypt" not in out
    assert out["flood"]["before"] == "6/8"
    assert out["flood"]["after"] == "6/6"
    assert out["flood"]["removed"] == {"not-event": 2}
    assert "removed_right" not in out["totals"]
    assert out["auc"] == 1.0
