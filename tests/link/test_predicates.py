"""Which way a sentence's verbs point, read off its word forms (fast, no annotator)."""

from __future__ import annotations

import pytest

from storyline.link.predicates import opposed, sides_of

OPPOSED = [
    ("The mayor opened the bridge on Monday.", "The mayor closed the bridge on Monday."),
    ("The board will open the plant in May.", "The board will close the plant in May."),
    ("Exports rose by 4 percent.", "Exports fell by 4 percent."),
    ("The firm has raised its prices.", "The firm has cut its prices."),
    ("The senate ratified the treaty.", "The senate vetoed the treaty."),
    ("Police detained three activists.", "Police freed three activists."),
    ("The court convicted the captain.", "The court acquitted the captain."),
    ("The league banned the club.", "The league is allowing the club to play."),
    ("Crossings stopped on Friday.", "Crossings began on Friday."),
]
NOT_OPPOSED = [
    # one side told with other verbs
    ("Exports rose by 4 percent.", "Exports climbed 4 percent."),
    ("The firm slashed its prices.", "The firm reduced its prices."),
    ("The minister said the port was shut.", "The minister told reporters the port was closed."),
    # verbs on no axis
    ("The storm killed 14 people.", "The storm left 14 people dead."),
    ("The envoy met the premier.", "The envoy held talks with the premier."),
    # a sentence that takes both sides opposes neither
    ("Prices rose while shares fell.", "Prices climbed in the spring."),
    # nouns and adjectives that look like the verbs
    ("The envoy opened talks on Monday.", "The envoy, a close ally, held closed-door talks."),
    ("At the close of trading the index was flat.", "The exchange opened on time."),
    ("The talks opened in May.", "By the end of May the talks had made progress."),
]


@pytest.mark.parametrize(("a", "b"), OPPOSED)
def test_contrary_verbs_are_opposed(a: str, b: str) -> None:
    assert opposed(sides_of(a), sides_of(b))
    assert opposed(sides_of(b), sides_of(a))


@pytest.mark.parametrize(("a", "b"), NOT_OPPOSED)
def test_paraphrases_and_look_alikes_are_not_opposed(a: str, b: str) -> None:
    assert not opposed(sides_of(a), sides_of(b))
    assert not opposed(sides_of(b), sides_of(a))


def test_a_bare_form_is_a_verb_only_after_a_modal_or_not() -> None:
    assert sides_of("They did not close the port.") == {("open", 1)}
    assert sides_of("They won't close the port.") == {("open", 1)}
    assert sides_of("A curfew was set to halt the looting.") == frozenset()  # a purpose
    assert sides_of("A close aide spoke at the port.") == frozenset()
    assert sides_of("Prices cut by a third.") == {("amount", 1)}  # a past that is its base


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("The envoy will stop over in Velden on Friday.", set()),  # a visit
        ("Rebels are closing in on the capital.", set()),  # an approach
        ("Troops opened fire on the crowd.", set()),
        ("Fighting stopped over the weekend.", {("run", 1)}),
        ("The bill was passed by parliament on Tuesday.", {("assent", 0)}),
        ("Prices dropped in March.", {("amount", 1)}),
    ],
)
def test_a_phrasal_verb_leaves_the_axis_a_preposition_does_not(
    text: str, sides: set[tuple[str, int]]
) -> None:
    assert sides_of(text) == sides
