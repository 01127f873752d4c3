"""Quotes: shapes, speaker resolution, negatives, the real sample, and a small labelled set.

Every fixture below is fictional text written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.quotes import find_quotes, quoted_spans
from storyline.model import Quote

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def quotes(text: str) -> list[Quote]:
    doc = load_nlp()(text)
    return find_quotes(doc, split_sentences(doc))


def curly(text: str) -> str:
    """The same text with curly quote marks instead of straight ones."""
    out, opened = [], False
    for ch in text:
        if ch == '"':
            out.append("”" if opened else "“")
            opened = not opened
        else:
            out.append(ch)
    return "".join(out)


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- quote marks


def test_quoted_spans_pairs_straight_and_curly_marks() -> None:
    text = 'He said "one" and “two” then "three".'
    assert [text[o + 1 : c] for o, c in quoted_spans(text)] == ["one", "two", "three"]


def test_quoted_spans_closes_with_a_misused_opening_mark() -> None:
    text = "She hoped it “ends the feud “, in the end."
    assert [text[o + 1 : c] for o, c in quoted_spans(text)] == ["ends the feud "]


def test_quote_left_open_runs_on_only_into_a_quoted_paragraph() -> None:
    runs_on = 'Velden said: "We are ready.\n\n"We will start at dawn," she said.'
    dropped = 'Velden said: "We are ready.\n\nThe ferry left.'
    assert len(quoted_spans(runs_on)) == 2
    assert quoted_spans(dropped) == []


# --------------------------------------------------------------------------- shapes


@pytest.mark.parametrize("style", [str, curly], ids=["straight", "curly"])
def test_quote_then_speaker_said(style) -> None:
    q = only(style('"The bridge will reopen in May," Mara Velden said.'))
    assert (q.speaker, q.cue, q.direct, q.text) == (
        "Mara Velden",
        "said",
        True,
        "The bridge will reopen in May",
    )


@pytest.mark.parametrize("style", [str, curly], ids=["straight", "curly"])
def test_speaker_said_colon_quote(style) -> None:
    q = only(style('Mara Velden said: "We are ready for the storm."'))
    assert (q.speaker, q.text) == ("Mara Velden", "We are ready for the storm.")


@pytest.mark.parametrize("style", [str, curly], ids=["straight", "curly"])
def test_said_then_speaker_with_apposition(style) -> None:
    q = only(style('"We will not retreat," said Tomas Ekholm, the harbour commissioner.'))
    assert (q.speaker, q.cue) == ("Tomas Ekholm", "said")


@pytest.mark.parametrize("style", [str, curly], ids=["straight", "curly"])
def test_quote_split_around_cue_across_sentences(style) -> None:
    text = style(
        'Tomas Ekholm opened the new pier on Friday. "The first phase is done," Ekholm said. '
        '"The second phase starts in June."'
    )
    q = only(text)
    assert q.speaker == "Tomas Ekholm"
    assert q.text == "The first phase is done. The second phase starts in June."
    assert q.sentences == [1, 2] and q.sentence == 1


@pytest.mark.parametrize("style", [str, curly], ids=["straight", "curly"])
def test_quote_split_around_cue_inside_one_sentence(style) -> None:
    text = style('Tomas Ekholm spoke first. "The plan," Ekholm said, "has no money behind it."')
    q = only(text)
    assert (q.speaker, q.text) == ("Tomas Ekholm", "The plan has no money behind it.")


def test_quote_over_several_sentences() -> None:
    q = only('"We met twice. We agreed on nothing. We will meet again," Mara Velden said.')
    assert q.speaker == "Mara Velden"
    assert q.sentences == [0, 1, 2] and q.sentence == 0
    assert q.text == "We met twice. We agreed on nothing. We will meet again"


def test_according_to() -> None:
    q = only('"The dam is safe," according to engineer Lise Parvan.')
    assert (q.speaker, q.cue) == ("Lise Parvan", "according to")


def test_partial_quote_inside_reported_speech() -> None:
    q = only('Mara Velden called the talks "candid and constructive".')
    assert (q.speaker, q.cue, q.direct, q.text) == (
        "Mara Velden",
        "called",
        True,
        "candid and constructive",
    )


def test_told_reporters() -> None:
    q = only('"No deal yet," Tomas Ekholm told reporters.')
    assert (q.speaker, q.cue) == ("Tomas Ekholm", "told reporters")


def test_spokesperson_in_a_statement() -> None:
    q = only('"The company regrets the delay," spokesperson Jane Roe said in a statement.')
    assert (q.speaker, q.cue) == ("Jane Roe", "said in a statement")  # both are kept
    assert q.channel == "a statement"


def test_channel_of_indirect_speech_and_none_without_one() -> None:
    q = only("Chief executive Oren Falk said in a video message that the data was safe.")
    assert (q.speaker, q.direct, q.channel) == ("Oren Falk", False, "a video message")
    assert only('"No deal yet," Tomas Ekholm told reporters.').channel is None


def test_organisation_short_form_as_speaker() -> None:
    text = (
        "The Varnish Ministry of Fisheries summoned the ambassador on Monday. "
        "The ministry said it would take the case to a tribunal."
    )
    (q,) = [q for q in quotes(text) if "tribunal" in q.text]
    assert (q.speaker, q.direct) == ("Varnish Ministry of Fisheries", False)


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        pytest.param(
            "The strike cost the hospital 900 operations, Dr. Lena Quist said.",
            "Lena Quist",
            "The strike cost the hospital 900 operations",
            id="reported_clause_before_the_speaker",
        ),
        pytest.param(
            "Mara Velden said that the bridge would reopen in May.",
            "Mara Velden",
            "the bridge would reopen in May",
            id="said_that",
        ),
        pytest.param(
            "Harbour spokesman Idris Kell said in a statement that the ferry would sail at noon "
            "and that tickets stayed valid.",
            "Idris Kell",
            "the ferry would sail at noon and that tickets stayed valid",
            id="said_in_a_statement_that",
        ),
        pytest.param(
            "Mara Velden told a news conference that the bridge would reopen in May.",
            "Mara Velden",
            "the bridge would reopen in May",
            id="told_a_news_conference_that",
        ),
        pytest.param(
            "According to union leader Sven Aro, the talks lasted four hours.",
            "Sven Aro",
            "the talks lasted four hours",
            id="according_to_first",
        ),
        pytest.param(
            "The Tarn Harbour Board said that forty ships were waiting.",
            "Tarn Harbour Board",
            "forty ships were waiting",
            id="organisation_as_speaker",
        ),
    ],
)
def test_indirect_speech_its_speaker_and_what_was_said(text: str, speaker: str, said: str) -> None:
    q = only(text)
    assert (q.speaker, q.direct, q.text) == (speaker, False, said)


def test_short_form_with_no_organisation_named_before_is_no_speaker() -> None:
    assert quotes("The ministry said it would take the case to a tribunal.") == []


def test_indirect_speech_beside_a_partial_quote() -> None:
    found = quotes(
        'Mayor Ines Vatter called the plan "reckless" and said the council would vote again.'
    )
    assert [(q.speaker, q.direct, q.text) for q in found] == [
        ("Ines Vatter", True, "reckless"),
        ("Ines Vatter", False, "the council would vote again"),
    ]


def test_role_subject_with_the_name_in_apposition() -> None:
    q = only("The head of the Tarn Audit Office, Anton Brecht, said that the accounts were late.")
    assert (q.speaker, q.direct) == ("Anton Brecht", False)


def test_reported_clause_according_to_a_person() -> None:
    q = only("The pump had failed on Sunday, according to Lise Parvan, the chief engineer.")
    assert (q.speaker, q.cue, q.direct) == ("Lise Parvan", "according to", False)
    assert q.text == "The pump had failed on Sunday"


def test_according_to_unnamed_sources_is_no_quote() -> None:
    assert quotes("The talks ended at noon, according to reporters who waited outside.") == []
    # The outlet that saw a document is not the source of what the document says.
    assert quotes("The dam had cracks, according to a report seen by the Valley Post.") == []


def test_name_tagged_as_organisation_beside_a_role_noun_is_a_person() -> None:
    # The small model tags this unfamiliar name ORG; the role noun it stands beside says person.
    text = (
        "The engineer in charge, Hanna Brooke, said the rust had spread over the winter. "
        '"We saw it in January," the engineer said.'
    )
    found = quotes(text)
    assert [(q.speaker, q.direct) for q in found] == [
        ("Hanna Brooke", False),
        ("Hanna Brooke", True),
    ]


def test_was_quoted_as_saying_that() -> None:
    q = only("Mayor Ines Vatter was quoted as saying that the market would reopen in June.")
    assert (q.speaker, q.direct, q.text) == (
        "Ines Vatter",
        False,
        "the market would reopen in June",
    )


def test_adding_that_after_a_quote_is_reported_speech_too() -> None:
    found = quotes('"The door is open," Colm Ferris said, adding that no offer had been made.')
    assert [(q.speaker, q.direct, q.text) for q in found] == [
        ("Colm Ferris", True, "The door is open"),
        ("Colm Ferris", False, "no offer had been made"),
    ]


def test_said_beside_a_quote_is_not_taken_twice() -> None:
    found = quotes('Colm Ferris said that "the door is open" to talks.')
    assert len(found) == 1 and found[0].speaker == "Colm Ferris"


# --------------------------------------------------------------------------- speakers


def test_pronoun_takes_the_person_of_that_gender() -> None:
    text = 'Jane Roe met John Doe on Monday in the port office. "We made progress," she said.'
    assert only(text).speaker == "Jane Roe"
    assert only(text.replace("she said", "he said")).speaker == "John Doe"


def test_pronoun_points_back_to_the_previous_speaker() -> None:
    text = (
        'Olga Strand chaired the meeting. "The budget is tight," Strand said. '
        "The vote was postponed. "
        '"We will try again next week," she added.'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Olga Strand", "Olga Strand"]
    assert found[1].cue == "added"


def test_role_noun_takes_the_person_titled_so() -> None:
    text = (
        "Harbour spokesperson Ilse Marant announced the closure on Friday. "
        "Mayor Piet Dorn visited the site on Saturday. "
        '"The decision is final," the spokeswoman added.'
    )
    assert only(text).speaker == "Ilse Marant"


def test_generic_role_noun_takes_the_recent_person() -> None:
    text = (
        "Henrik Lindqvist left the talks at dawn. "
        '"It was a long night," the veteran negotiator said.'
    )
    assert only(text).speaker == "Henrik Lindqvist"


def test_office_role_does_not_take_a_person_with_another_office() -> None:
    text = 'Governor Alma Teque toured the plant. "Output will rise," the minister said.'
    assert only(text).speaker is None


def test_surname_resolves_to_full_name() -> None:
    text = 'Lise Parvan inspected the dam. "It holds," Parvan said.'
    assert only(text).speaker == "Lise Parvan"


def test_two_people_share_a_surname_nearest_earlier_wins() -> None:
    text = (
        "Anna Berg, the mayor, opened the session. "
        '"We start with transport," Berg said. '
        "Council member Oskar Berg then rose to speak. "
        '"We need more buses," Berg said.'
    )
    assert [q.speaker for q in quotes(text)] == ["Anna Berg", "Oskar Berg"]


# --------------------------------------------------------------------------- negatives


def test_scare_quotes_without_speaker_are_not_quotes() -> None:
    assert quotes('The so-called "miracle" diet has many critics in the valley.') == []
    assert quotes('Locals call the old ferry the "snail" because it is slow.') == []


def test_unnamed_sources_give_no_speaker() -> None:
    assert only('"We are ready," a senior official said.').speaker is None
    assert only('"The road is closed," the report said.').speaker is None


def test_pronoun_with_no_fitting_person_gives_no_speaker() -> None:
    assert only('John Doe met the board. "We are ready," she said.').speaker is None


def test_reported_speech_from_no_one_named_is_dropped() -> None:
    assert quotes("Officials said that the bridge would reopen in May.") == []


# --------------------------------------------------------------------------- real sample


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():  # with CI=true, tests/conftest.py turns this skip into a failure
        pytest.skip(f"the real sample is not beside this clone: {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def quote_starting(found: list[Quote], words: str) -> Quote:
    matches = [q for q in found if q.text.startswith(words)]
    assert len(matches) == 1, [q.text[:40] for q in found]
    return matches[0]


def test_seed_surname_resolves_to_spokesperson_full_name() -> None:
    q = quote_starting(quotes(seed("000")), "China welcomes Secretary Blinken")
    assert q.speaker == "Wang Wenbin"
    assert q.direct and len(q.sentences) == 2


def test_seed_translated_name_speaker_as_written() -> None:
    q = quote_starting(quotes(seed("004")), "The Taiwan question")
    assert q.speaker is not None and q.speaker.split()[0] in ("Qin", "Qing")


def test_seed_sentence_indexes_point_at_the_quote() -> None:
    text = seed("000")
    doc = load_nlp()(text)
    sentences = split_sentences(doc)
    for q in find_quotes(doc, sentences):
        if q.direct:
            held = " ".join(sentences[i].text for i in q.sentences)
            assert q.text.split()[0] in held


# --------------------------------------------------------------------------- labelled set

# Fictional articles with every attributed direct quote labelled (speaker, first words).
LABELLED: list[tuple[str, list[tuple[str | None, str]]]] = [
    (
        "Karin Holm, the port director, met union leader Sven Aro on Tuesday. "
        '"We reached a fair deal," Holm said. "Nobody got everything." '
        'Aro was less upbeat. "It is a start," he told reporters. '
        "The deal still needs a vote, according to a memo seen by the paper.",
        [("Karin Holm", "We reached a fair deal"), ("Sven Aro", "It is a start")],
    ),
    (
        'The city council approved the budget on Monday. Mayor Elin Voss called it "a budget for '
        'families". "Schools get the largest share," said Voss. '
        "Finance chief Jonas Lund disagreed. "
        '"The numbers do not add up," Lund said, "and the deficit will grow."',
        [
            ("Elin Voss", "a budget for families"),
            ("Elin Voss", "Schools get the largest share"),
            ("Jonas Lund", "The numbers do not add up"),
        ],
    ),
    (
        "Flooding closed the valley road. "
        '"We have never seen water this high," resident Maja Eng said. '
        "Police spokesman Arne Dahl said officers were helping drivers. "
        '"Please stay at home," the spokesman added. Dahl said that the road would stay closed.',
        [("Maja Eng", "We have never seen water this high"), ("Arne Dahl", "Please stay at home")],
    ),
    (
        'Researcher Nora Falk presented the study. "Bees are returning to the city," Falk said. '
        '"It took ten years." The so-called "green roofs" helped, the study found. '
        'Her colleague Ivo Sand agreed. "The roofs made the difference," he said.',
        [
            ("Nora Falk", "Bees are returning to the city"),
            ("Ivo Sand", "The roofs made the difference"),
        ],
    ),
    (
        'Coach Lena Mork was blunt after the loss. "We were not good enough today," Mork said. '
        'Captain Rolf Bye blamed the weather. "The pitch was a swamp," said Bye, the team captain. '
        '"We will be back," the coach said.',
        [
            ("Lena Mork", "We were not good enough today"),
            ("Rolf Bye", "The pitch was a swamp"),
            ("Lena Mork", "We will be back"),
        ],
    ),
]


def test_labelled_set_precision_and_recall() -> None:
    expected = tp = predicted = 0
    for text, gold in LABELLED:
        found = [(q.speaker, q.text) for q in quotes(text) if q.direct and q.speaker is not None]
        predicted += len(found)
        expected += len(gold)
        for speaker, start in gold:
            if any(s == speaker and t.startswith(start) for s, t in found):
                tp += 1
    precision, recall = tp / predicted, tp / expected
    print(
        f"\nquotes labelled set: precision {precision:.2f} ({tp}/{predicted}), "
        f"recall {recall:.2f} ({tp}/{expected})"
    )
    assert precision >= 0.9
    assert recall >= 0.8


def test_hyphenated_surname_of_the_speaker_is_kept() -> None:
    q = only('"We owe them that," said Teodora Vasquez-Rhee, the owner of the mine.')
    assert q.speaker == "Teodora Vasquez-Rhee"


def test_organisation_in_apposition_to_the_subject_is_the_speaker() -> None:
    q = only(
        "Roe's newspaper, the Sennport Courier, said in a statement that it stood by the story."
    )
    assert (q.speaker, q.direct, q.channel) == ("Sennport Courier", False, "a statement")


def test_short_form_of_an_organisation_the_tagger_missed() -> None:
    # The small model leaves this hospital's name untagged; its head noun says organisation.
    text = (
        "Nurses at Westmarch General Hospital began a 48-hour strike on Monday over pay. "
        "The hospital said in a statement that emergency care would continue."
    )
    (q,) = quotes(text)
    assert (q.speaker, q.channel) == ("Westmarch General Hospital", "a statement")


# ------------------------------------------------------------------------ issue 16: real text


def test_unconfirmed_report_is_no_quote_of_the_body() -> None:
    text = (
        "The Relief Agency has not confirmed reports that its head of operations was killed.\n"
        "Mayor Ilse Dorn said roads were closed."
    )
    found = quotes(text)
    assert all("head of operations" not in q.text for q in found), found
    assert [(q.speaker, q.text) for q in found] == [("Ilse Dorn", "roads were closed")]


def test_supposed_and_future_speech_is_no_quote() -> None:
    text = (
        "If the governor were to stand up and say the plant must close, workers would leave. "
        "Next week Mira Tollan will argue that the levy should be dropped."
    )
    assert quotes(text) == []


def test_unattributed_quote_goes_on_in_the_last_speaker_words() -> None:
    # One sentence a line, as scraped pages and corpora give them.
    text = (
        "Ilsa Varnow, a historian at Denholt College, studies the port.\n"
        "The strikes grew out of years of low pay, Varnow said.\n"
        '"It is a poor town that is getting poorer.\n'
        'People are tired."'
    )
    found = quotes(text)
    direct = [q for q in found if q.direct]
    assert direct and direct[0].speaker == "Ilsa Varnow", found
    assert "getting poorer" in direct[0].text and "tired" in direct[0].text


def test_quote_running_on_over_lines_that_open_again() -> None:
    text = (
        'Speaking on radio, Mr Arlen Dace said: "We have found a whole series of faults.\n'
        '"It is clear that much more must be done," he added.'
    )
    found = [q for q in quotes(text) if q.direct]
    assert {q.speaker for q in found} == {"Arlen Dace"}, found
    assert any("much more must be done" in q.text for q in found)


def test_closing_mark_before_a_line_break_does_not_hide_the_next_said() -> None:
    text = (
        'The dean said the hall "will reopen in spring."\n'
        "In Marrow Street, meanwhile, Chief Engineer Tova Brisk said the bridge needs new cables."
    )
    found = quotes(text)
    assert any(q.speaker == "Tova Brisk" and "new cables" in q.text for q in found), found


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "All of the birds are at risk from the slick, says Dana Orrin.",
            "All of the birds are at",
        ),
        ("There is, Dana Orrin says, a familiar pattern.", "There is a familiar pattern"),
        (
            "Dana Orrin has watched the coast for years.\nIn the case of the old mine, she says, "
            "the damage lasted for decades.",
            "In the case of the old mine the damage lasted",
        ),
    ],
    ids=["says-after", "aside", "aside-pronoun"],
)
def test_reported_clause_with_the_speaker_after_or_aside(text: str, words: str) -> None:
    q = only(text)
    assert q.speaker == "Dana Orrin" and not q.direct
    assert q.text.startswith(words)


def test_pronoun_after_a_long_quote_reaches_back_from_its_start() -> None:
    text = (
        "Petra Lind, the chief executive of Norcast, did not help her own cause.\n"
        'Early on she seemed to blame the builder: "This was not our fault.\n'
        "This was not our crane.\n"
        "This was not our site.\n"
        "It was not our staff.\n"
        "It was not our design.\n"
        'It was their plan," she said.'
    )
    found = [q for q in quotes(text) if q.direct]
    assert found and all(q.speaker == "Petra Lind" for q in found), found


def test_lower_case_title_is_no_speaker_name() -> None:
    text = '"Peace needs patience," said the abbot, speaking at a gathering.'
    assert only(text).speaker != "abbot"


def test_the_ministry_is_the_country_ministry_named_before() -> None:
    text = (
        "Norway's foreign ministry said two aid workers were missing. "
        "The ministry said it was in contact with their families."
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Norway's foreign ministry"] * 2, found


def test_a_person_span_with_no_name_word_is_no_speaker() -> None:
    """Found by tests/fuzz: an entity of lower-case words ("th&amp;e") in apposition to
    the speaker's noun raised IndexError in speaker resolution."""
    text = (
        "Mayor Ilse Varga said yesterday that 12 people were hurt in Port Kessel.\n"
        '"Nobody expected the water to rise so fast," th&amp;e minister said yesterday.'
    )
    found = quotes(text)
    assert [q.text for q in found if q.direct] == ["Nobody expected the water to rise so fast"]


def test_aside_speaker_under_a_root_that_is_no_verb_ends() -> None:
    """The parser can hang a set-off ", villagers said," on a root that is no verb (here
    the adjective opening the sentence); the climb to the clause it reports must stop at
    the root instead of climbing forever (a whole build once stalled on such a line)."""
    import threading

    text = (
        "Little of the bitterness that the dispute caused in the 1970s remains, villagers "
        "said, and most of the farmers who led the blockade have moved."
    )
    found: list[list[Quote]] = []
    worker = threading.Thread(target=lambda: found.append(quotes(text)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert found, "reading the sentence's reported speech did not finish"
