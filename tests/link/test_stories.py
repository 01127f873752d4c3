"""Story detection on a mixed stream: fictional articles with hand-made vectors and entities."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from storyline.errors import StorylineError
from storyline.link import story_split
from storyline.link.stories import (
    SEGMENT_DAYS,
    StreamDetector,
    Weights,
    _signal,
    detect_stories,
    extend_stories,
)
from storyline.model import Annotation, Article, Mention, Published, Sentence, Story

DIM = 16
RNG = np.random.default_rng(7)
TOPIC = {name: RNG.normal(size=DIM) for name in ("flood", "election", "strike", "bridge")}


def _vec(topic: str, noise: float = 0.25, seed: int = 0) -> np.ndarray:
    v = TOPIC[topic] / np.linalg.norm(TOPIC[topic])
    v = v + noise * np.random.default_rng(seed).normal(size=DIM) / np.sqrt(DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _make(
    aid: str, day: str, vec: np.ndarray, entities: list[tuple[str, str]]
) -> tuple[Article, Annotation]:
    text = "A fictional report. " + " ".join(name for name, _ in entities)
    article = Article(
        id=aid, text=text, title=f"Report {aid}", published=Published(date=day, basis="header")
    )
    mentions = [
        Mention(sentence=0, start=0, end=len(name), text=name, label=label)
        for name, label in entities
    ]
    ann = Annotation(
        article=aid,
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)],
        mentions=mentions,
        embedding_dim=DIM,
        embeddings=vec.tobytes(),
    )
    return article, ann


FLOOD = [("Marrowfield", "GPE"), ("Vessa River", "LOC"), ("Ada Korrin", "PERSON")]
ELECTION = [("Tobrek", "GPE"), ("Lina Haldor", "PERSON"), ("Unity Party", "ORG")]


def _day(offset: int) -> str:
    return (date(2031, 3, 1) + timedelta(days=offset)).isoformat()


def _stream(n: int = 12) -> list[tuple[Article, Annotation]]:
    """Two stories interleaved day by day."""
    out = []
    for i in range(n):
        out.append(_make(f"f{i:02d}", _day(i), _vec("flood", seed=i), FLOOD))
        out.append(_make(f"e{i:02d}", _day(i), _vec("election", seed=100 + i), ELECTION))
    return out


def _detect(pairs, **kw):
    articles, anns = zip(*pairs, strict=True)
    return detect_stories(list(articles), list(anns), **kw)


def test_interleaved_stories_are_told_apart() -> None:
    stories = _detect(_stream())
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [[f"e{i:02d}" for i in range(12)], [f"f{i:02d}" for i in range(12)]]


def test_articles_beyond_the_time_window_start_a_new_story() -> None:
    pairs = [_make(f"a{i}", _day(i), _vec("strike", seed=i), []) for i in range(4)]
    pairs += [_make(f"b{i}", _day(400 + i), _vec("strike", seed=50 + i), []) for i in range(4)]
    stories = _detect(pairs, window_days=60)
    assert sorted(sorted(s.articles) for s in stories) == [
        ["a0", "a1", "a2", "a3"],
        ["b0", "b1", "b2", "b3"],
    ]
    # With a window that spans the gap they are one story.
    assert len(_detect(pairs, window_days=500)) == 1


def test_shared_entities_join_an_article_whose_wording_differs() -> None:
    pairs = [_make(f"f{i}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(5)]
    # Worded half like another topic (text alone falls short of the threshold),
    # but about the same places and people.
    odd = 0.55 * _vec("flood", seed=9) + 0.45 * _vec("bridge", seed=9)
    odd = (odd / np.linalg.norm(odd)).astype(np.float32)
    with_entities = [*pairs, _make("x-ents", _day(6), odd, FLOOD)]
    without = [*pairs, _make("x-none", _day(6), odd, [("Quorra", "GPE")])]
    assert len(_detect(with_entities, threshold=0.85)) == 1
    assert len(_detect(without, threshold=0.85)) == 2


def test_a_lone_report_below_the_threshold_stays_a_story_of_its_own() -> None:
    # Worded partly like the flood story but naming none of its places or people, it
    # scores a little under the threshold: it is not folded into the larger story after
    # the pass (a stream of unrelated reports of one genre must not become one story).
    pairs = [_make(f"f{i}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(6)]
    odd = 0.4 * _vec("flood", seed=9) + 0.6 * _vec("bridge", seed=9)
    odd = (odd / np.linalg.norm(odd)).astype(np.float32)
    stories = _detect([*pairs, _make("x", _day(7), odd, [("Quorra", "GPE")])], threshold=0.6)
    assert sorted(sorted(s.articles) for s in stories) == [[f"f{i}" for i in range(6)], ["x"]]


def test_story_id_is_its_earliest_member_and_survives_growth() -> None:
    stream = _stream(8)
    before = {s.id: set(s.articles) for s in _detect(stream)}
    grown = [
        *stream,
        _make("f99", _day(30), _vec("flood", seed=99), FLOOD),
        _make("e99", _day(30), _vec("election", seed=199), ELECTION),
    ]
    after = {s.id: set(s.articles) for s in _detect(grown)}
    assert set(after) == set(before)
    for sid, members in before.items():
        assert members < after[sid]


def _either_side() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A subject's vector and two on either side of it: close, but apart."""
    base = _vec("bridge", noise=0.0)
    side = _vec("strike", noise=0.0)
    a = ((base + 0.35 * side) / np.linalg.norm(base + 0.35 * side)).astype(np.float32)
    b = ((base - 0.35 * side) / np.linalg.norm(base - 0.35 * side)).astype(np.float32)
    return base, a, b


def test_an_article_that_bridges_two_close_stories_merges_them() -> None:
    # Two stories that began apart (different entities, somewhat different wording)...
    base, a, b = _either_side()
    weights = Weights(merge=0.75)
    pairs = [_make("a0", _day(0), a, [("Kelmarsh", "GPE")])]
    pairs += [_make("b0", _day(0), b, [("Ostrin", "GPE")])]
    split_first = _detect(pairs, threshold=0.9, weights=weights)
    assert len(split_first) == 2
    # ...then a report about both that is close to each.
    pairs.append(_make("m1", _day(1), base, [("Kelmarsh", "GPE"), ("Ostrin", "GPE")]))
    merged = _detect(pairs, threshold=0.8, weights=weights)
    assert [sorted(s.articles) for s in merged] == [["a0", "b0", "m1"]]
    # Named after its earliest member: a tie on date falls to the smaller article id.
    assert merged[0].id == next(s.id for s in split_first if s.articles == ["a0"])


def test_a_story_whose_members_fall_apart_splits() -> None:
    # A low threshold lets two topics pile into one story while it runs...
    pairs = [_make(f"f{i}", _day(i), _vec("flood", seed=i), FLOOD[:1]) for i in range(6)]
    pairs += [_make(f"s{i}", _day(6 + i), _vec("strike", seed=i), FLOOD[:1]) for i in range(6)]
    lumped = _detect(pairs, threshold=0.05, weights=Weights(split_link=-1.0))
    assert len(lumped) == 1
    # ...and the split after the pass separates them, each part named after its own first.
    parts = _detect(pairs, threshold=0.05, weights=Weights(split_link=0.6))
    assert sorted(sorted(s.articles) for s in parts) == [
        [f"f{i}" for i in range(6)],
        [f"s{i}" for i in range(6)],
    ]
    assert lumped[0].id in {s.id for s in parts}


@pytest.mark.parametrize("eigen", ["dense", "sparse"])
def test_a_story_that_moved_on_to_another_subject_is_cut_where_few_links_cross(
    eigen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if eigen == "sparse":  # large stories take the sparse eigensolver: the same cut
        monkeypatch.setattr(story_split, "DENSE_EIGEN", 10)
    # One subject, then another that a few reports about both lead into: the members
    # form one connected graph, so only the sparse cut between the two parts tells them
    # apart.
    bridge = 0.5 * _vec("flood", noise=0.0) + 0.5 * _vec("strike", noise=0.0)
    bridge = (bridge / np.linalg.norm(bridge)).astype(np.float32)
    pairs = [_make(f"f{i:02d}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(12)]
    pairs += [_make(f"m{i}", _day(12), bridge, FLOOD[:1] + ELECTION[:1]) for i in range(2)]
    pairs += [
        _make(f"s{i:02d}", _day(13 + i), _vec("strike", seed=40 + i), ELECTION) for i in range(12)
    ]
    lumped = _detect(pairs, threshold=0.05, weights=Weights(split_cut=0.0))
    assert len(lumped) == 1
    parts = _detect(pairs, threshold=0.05)
    groups = sorted(set(s.articles) - {"m0", "m1"} for s in parts)
    assert groups == [{f"f{i:02d}" for i in range(12)}, {f"s{i:02d}" for i in range(12)}]
    # The same number of reports on one subject stays one story.
    one = [_make(f"f{i:02d}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(26)]
    assert len(_detect(one, threshold=0.05)) == 1


def test_old_segments_leave_the_index() -> None:
    detector = StreamDetector(threshold=0.5, window_days=60)
    for i in range(0, 400, 5):
        article, ann = _make(f"a{i:03d}", _day(i), _vec("strike", seed=i), [])
        detector.add(_signal(article, ann))
    assert detector.segments is not None
    # Only the segments that the window reaches are kept, not a year of them.
    assert len(detector.segments.indexes) <= 60 // SEGMENT_DAYS + 3
    assert sum(len(s.members) for s in detector.stories.values()) == 80


@pytest.mark.parametrize("missing", ["vectors", "date"])
def test_articles_without_vectors_or_dates_still_get_a_story(missing: str) -> None:
    pairs = [_make(f"f{i}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(3)]
    article, ann = _make("odd", _day(3), _vec("flood", seed=3), FLOOD)
    if missing == "vectors":
        ann = Annotation(article="odd", sentences=ann.sentences, mentions=ann.mentions)
    else:
        article = Article(id="odd", text=article.text)
    stories = _detect([*pairs, (article, ann)])
    assert sorted(a for s in stories for a in s.articles) == ["f0", "f1", "f2", "odd"]
    assert len(stories) == 1


def test_new_articles_extend_stored_stories_from_their_signatures_alone() -> None:
    stream = _stream(8)
    stored = _detect(stream)
    new = [
        _make("f99", _day(9), _vec("flood", seed=99), FLOOD),
        _make("e99", _day(9), _vec("election", seed=199), ELECTION),
        _make("b99", _day(9), _vec("bridge", seed=299), [("Kelmarsh", "GPE")]),
    ]
    articles, anns = zip(*new, strict=True)
    # Only the new articles' annotations are given: the stored stories take part by signature.
    grown = extend_stories(stored, list(articles), list(anns))
    by_id = {s.id: set(s.articles) for s in grown}
    old = {s.id: set(s.articles) for s in stored}
    assert set(old) < set(by_id)
    for sid, members in old.items():
        assert len(by_id[sid] - members) == 1  # each story took its own new report
    assert {"f99", "e99"} <= set().union(*(by_id[s] for s in old))
    (fresh,) = set(by_id) - set(old)
    assert by_id[fresh] == {"b99"}
    # The signatures grow with the stories, so a second extension works the same way.
    assert all(s.signature is not None and s.signature.last == _day(9) for s in grown)
    full = _detect([*stream, *new])
    assert sorted(map(sorted, by_id.values())) == sorted(sorted(s.articles) for s in full)


def test_a_new_article_that_bridges_two_stored_stories_merges_them_under_the_older_id() -> None:
    base, a, b = _either_side()
    weights = Weights(merge=0.75)
    stored = _detect(
        [
            _make("b0", _day(0), b, [("Ostrin", "GPE")]),
            _make("a0", _day(1), a, [("Kelmarsh", "GPE")]),
        ],
        threshold=0.9,
        weights=weights,
    )
    assert len(stored) == 2
    older = next(s.id for s in stored if s.articles == ["b0"])
    art, ann = _make("m1", _day(2), base, [("Kelmarsh", "GPE"), ("Ostrin", "GPE")])
    merged = extend_stories(stored, [art], [ann], threshold=0.8, weights=weights)
    assert [(s.id, s.articles) for s in merged] == [(older, ["a0", "b0", "m1"])]


def test_stories_without_a_signature_are_not_extended() -> None:
    stored = [Story(id="s-old", title="Old", articles=["x"])]
    art, ann = _make("n1", _day(0), _vec("flood"), FLOOD)
    with pytest.raises(StorylineError, match="no signature"):
        extend_stories(stored, [art], [ann])


def test_stories_that_drifted_apart_are_consolidated_when_their_entities_agree() -> None:
    pairs = [_make(f"f{i}", _day(i), _vec("flood", seed=i), FLOOD) for i in range(4)]
    pairs += [_make(f"e{i}", _day(i), _vec("flood", seed=50 + i), ELECTION) for i in range(4)]
    # A threshold no pair reaches in the stream: every article starts its own story.
    keep_apart = Weights(story_link=1.01)
    assert len(_detect(pairs, threshold=1.5, weights=keep_apart)) == 8
    joined = _detect(pairs, threshold=1.5, weights=Weights(story_link=0.6))
    # Alike in wording, the flood reports join each other; the same wording under other
    # names (no shared main entity) stays apart.
    assert sorted(sorted(s.articles) for s in joined) == [
        [f"e{i}" for i in range(4)],
        [f"f{i}" for i in range(4)],
    ]


def test_reports_alike_in_wording_but_naming_different_subjects_stay_apart() -> None:
    # Results of different companies, worded alike (one genre): each names its own
    # company and officers, and all name the exchange they list on.
    def item(i: int, company: str) -> tuple[Article, Annotation]:
        people = [(f"{company} officer {i}.{k}", "PERSON") for k in range(5)]
        names = [(company, "ORG"), *people, ("Orlen Exchange", "ORG")]
        return _make(f"c{i}", _day(i), _vec("strike", noise=0.6, seed=i), names)

    pairs = [item(i, f"Company{i}") for i in range(6)]
    threshold = 0.5
    lumped = _detect(pairs, threshold=threshold, weights=Weights(unshared=0.0))
    assert len(lumped) < 6  # wording alone joins them
    apart = _detect(pairs, threshold=threshold, weights=Weights(unshared=1.0, unshared_share=0.3))
    assert len(apart) == 6
    # Reports of one company's news, worded as alike, still join: they share its name.
    same = [item(i, "Brandt Tools") for i in range(6)]
    assert len(_detect(same, threshold=threshold, weights=Weights(unshared=1.0))) == 1
