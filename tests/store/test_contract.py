"""One contract, every backend: SQLite (the default) and PostgreSQL behave the same."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from storyline.errors import NotFoundError
from storyline.model import (
    Annotation,
    Article,
    Dossier,
    Published,
    Sentence,
    Story,
    StoryInfo,
)
from storyline.store import Store, open_store
from tests import builders


def article(n: int, date: str | None = "2025-03-10") -> Article:
    text = f"The Orrin Valley ferry number {n} resumed service after the spring floods."
    return Article(
        id=f"a{n:03d}",
        text=text,
        title=f"Ferry {n} back",
        outlet="Harbor Gazette",
        authors=["Mira Tellen"],
        published=Published(date=date, basis="header") if date else Published(),
    )


def stored(store: Store, *numbers: int) -> list[Article]:
    """The articles of these numbers, added to the store."""
    arts = [article(n) for n in numbers]
    for a in arts:
        store.add_article(a)
    return arts


def annotation(a: Article, version: str = "1+minilm-int8") -> Annotation:
    vectors = np.full((1, 4), 0.5, dtype=np.float32)
    return Annotation(
        article=a.id,
        sentences=[Sentence(index=0, start=0, end=len(a.text), text=a.text)],
        embedding_dim=4,
        embeddings=vectors.tobytes(),
        annotator=version,
    )


def dossier(story: Story) -> Dossier:
    info = StoryInfo(
        id=story.id,
        title=story.title,
        articles=len(story.articles),
        first_published="2025-03-10",
        last_published="2025-03-12",
    )
    return builders.dossier(info, generated="2025-03-12T10:00:00+00:00")


def test_articles_are_stored_once_and_read_back(make_store: Callable[[], Store]) -> None:
    store = make_store()
    first = article(1)
    assert store.add_article(first) is True
    assert store.add_article(first) is False  # idempotent: same id, nothing changes
    assert store.add_article(article(1, date="2030-01-01")) is False
    assert store.article_count() == 1
    assert store.get_article("a001") == first
    with pytest.raises(NotFoundError):
        store.get_article("nope")


def test_articles_are_listed_by_date_undated_first_then_id(
    make_store: Callable[[], Store],
) -> None:
    store = make_store()
    for a in (
        article(3, "2025-03-12"),
        article(2, None),
        article(1, "2025-03-12"),
        article(4, "2025-03-01"),
        article(5, None),
    ):
        store.add_article(a)
    assert [a.id for a in store.articles()] == ["a002", "a005", "a004", "a001", "a003"]
    assert store.article_ids() == ["a002", "a005", "a004", "a001", "a003"]
    # by id: in the order asked, repeats kept, an unknown id is an error
    assert [a.id for a in store.articles(["a003", "a001", "a003"])] == ["a003", "a001", "a003"]
    assert store.articles([]) == []
    with pytest.raises(NotFoundError):
        store.articles(["a001", "zzz"])


def test_update_article_changes_its_date(make_store: Callable[[], Store]) -> None:
    store = make_store()
    store.add_article(article(1, None))
    store.add_article(article(2, "2025-03-05"))
    dated = article(1, None)
    dated.published = Published(date="2025-03-01", basis="inferred", note="from its story")
    store.update_article(dated)
    assert store.get_article("a001").published.basis == "inferred"
    assert [a.id for a in store.articles()] == ["a001", "a002"]
    assert store.article_ids() == ["a001", "a002"]


def test_annotations_replace_and_track_the_annotator_version(
    make_store: Callable[[], Store],
) -> None:
    store = make_store()
    arts = stored(store, 1, 2, 3)
    assert store.unannotated("v1") == ["a001", "a002", "a003"]
    store.put_annotations([annotation(arts[0], "v1"), annotation(arts[1], "v0")])
    store.put_annotations([])
    assert store.unannotated("v1") == ["a002", "a003"]
    got = store.get_annotations(["a001"])[0]
    assert got == annotation(arts[0], "v1")
    assert got.vectors().shape == (1, 4)
    store.put_annotations([annotation(arts[1], "v1")])  # a new version replaces the old
    assert store.unannotated("v1") == ["a003"]
    assert [a.annotator for a in store.get_annotations(["a002", "a001"])] == ["v1", "v1"]
    with pytest.raises(NotFoundError):
        store.get_annotations(["a001", "a003"])


def test_stories_are_replaced_as_a_set_and_found_by_prefix(
    make_store: Callable[[], Store],
) -> None:
    store = make_store()
    store.put_stories(
        [
            Story(id="s-1a2b", title="Ferry", articles=["a001"]),
            Story(id="s-1a9f", title="Floods", articles=["a002"]),
            Story(id="s-77c0", title="Bridge", articles=["a003"]),
        ]
    )
    assert [s.id for s in store.stories()] == ["s-1a2b", "s-1a9f", "s-77c0"]
    assert store.get_story("s-77").title == "Bridge"
    assert store.get_story("s-1a2b").title == "Ferry"
    with pytest.raises(NotFoundError):
        store.get_story("s-1a")  # two stories start with it
    store.put_stories([Story(id="s-77c0", title="Bridge reopened", articles=["a003", "a004"])])
    assert store.stories() == [
        Story(id="s-77c0", title="Bridge reopened", articles=["a003", "a004"])
    ]
    with pytest.raises(NotFoundError):
        store.get_story("s-1a2b")
    store.put_stories([])
    assert store.stories() == []


def test_dossiers_round_trip_and_are_replaced(make_store: Callable[[], Store]) -> None:
    store = make_store()
    story = Story(id="s-1a2b", title="Ferry", articles=["a001"])
    with pytest.raises(NotFoundError):
        store.get_dossier(story.id)
    store.put_dossier(dossier(story))
    assert store.get_dossier(story.id) == dossier(story)
    newer = Story(id="s-1a2b", title="Ferry service resumes", articles=["a001", "a002"])
    store.put_dossier(dossier(newer))
    assert store.get_dossier(story.id).story.title == "Ferry service resumes"


def test_a_dossier_fingerprint_reads_without_the_dossier(make_store: Callable[[], Store]) -> None:
    store = make_store()
    story = Story(id="s-1a2b", title="Ferry", articles=["a001"])
    assert store.dossier_fingerprint(story.id) is None
    built = dossier(story)
    store.put_dossier(built)
    assert store.dossier_fingerprint(story.id) == built.fingerprint
    built.fingerprint = "0f1e2d3c4b5a6978"
    store.put_dossier(built)
    assert store.dossier_fingerprint(story.id) == "0f1e2d3c4b5a6978"


def test_what_one_connection_commits_another_sees_and_reopening_keeps_it(
    store_url: str,
) -> None:
    first, second = open_store(store_url), open_store(store_url)
    try:
        first.add_article(article(1))
        assert second.article_count() == 1
        assert second.add_article(article(1)) is False
    finally:
        first.close()
        second.close()
    again = open_store(store_url)  # the schema is already there: opening again is fine
    try:
        assert [a.id for a in again.articles()] == ["a001"]
    finally:
        again.close()


def test_two_writers_replacing_the_stories_at_once_both_succeed(store_url: str) -> None:
    """Each replacement is whole: the set left is one writer's, never a mix or an error."""
    import threading

    sets = {
        w: [Story(id=f"s-{n:02d}", title=f"{w} {n}", articles=[f"a{n}"]) for n in range(20)]
        for w in ("left", "right")
    }
    stores = [open_store(store_url), open_store(store_url)]
    errors: list[BaseException] = []

    def write(store: Store, stories: list[Story]) -> None:
        try:
            for _ in range(15):
                store.put_stories(stories)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(s, ws))
        for s, ws in zip(stores, sets.values(), strict=True)
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert stores[0].stories() in list(sets.values())
    finally:
        for s in stores:
            s.close()
