"""The timeline of a story told in another language: its own stop words."""

from __future__ import annotations

from storyline.model import Annotation, Article, Mention, Published, Sentence
from storyline.synthesize.timeline import story_terms

NAMES = ["Consejo del Puerto de Varria", "Los Pescadores del Norte", "Puerto de Varria"]


def _report(aid: str, names: list[str]) -> tuple[Article, Annotation]:
    text = ". ".join(names) + "."
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    mentions, at = [], 0
    for name in names:
        mentions.append(Mention(sentence=0, start=at, end=at + len(name), text=name, label="ORG"))
        at += len(name) + 2
    article = Article(id=aid, text=text, published=Published(date="2031-02-13"), language="es")
    return article, Annotation(article=aid, sentences=[sentence], mentions=mentions)


def test_the_function_words_of_a_spanish_story_are_no_key_terms() -> None:
    reports = [_report("a", NAMES), _report("b", NAMES), _report("c", NAMES[1:])]
    terms = story_terms([ann for _, ann in reports], articles=[art for art, _ in reports])
    assert {"varria", "puerto", "pescadores"} <= terms
    assert terms.isdisjoint({"del", "los"})
