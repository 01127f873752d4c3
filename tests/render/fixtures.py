"""Hand-built, fictional dossiers for the render tests.

``make_hostile`` puts an attack string into every text field a report shows,
the way a crafted article could: outlet names, titles, URLs, sentences, aliases.
"""

from __future__ import annotations

from storyline.model import (
    Conflict,
    Coverage,
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    Merge,
    Position,
    Published,
    QuoteEntry,
    StoryInfo,
    SummarySentence,
    TimelineEntry,
)
from tests.builders import ev

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(2)>'
CLOSE_SCRIPT = "</script><script>alert(3)</script>"
JS_URL = "javascript:alert(4)"
MD_LINK = "[click me](javascript:alert(5))"
MD_IMAGE = "![pixel](http://tracker.invalid/p.png)"
ENTITY = "&lt;b&gt;bold&lt;/b&gt;"
RTL = "مؤتمر الميناء"
BIDI = "\u202eevil\u202c"
EMOJI = "🌉🔥"
PIPE = "left | right"

HOSTILE = [SCRIPT, BREAKOUT, CLOSE_SCRIPT, JS_URL, MD_LINK, MD_IMAGE, ENTITY, RTL, BIDI, EMOJI]


def make_dossier() -> Dossier:
    """A small, friendly, fictional story: a bridge in the made-up town of Veltrano."""
    s_a0 = ev("a1", 0, "The Veltrano harbour bridge reopened on Monday after two years of repairs.")
    s_a1 = ev("a1", 3, "Mayor Ilsa Brandt said the repairs cost 40 million crowns.")
    s_b0 = ev("b2", 1, "Veltrano's bridge opened again this week, the city said.")
    s_b1 = ev("b2", 4, "Brandt put the final cost at 38 million crowns.")
    s_b2 = ev("b2", 6, "A ribbon-cutting ceremony planned for July was cancelled.")
    return Dossier(
        generated="2031-05-02T09:00:00Z",
        story=StoryInfo(
            id="st-bridge",
            title="Veltrano bridge reopens",
            articles=2,
            first_published="2031-04-28",
            last_published="2031-04-29",
        ),
        articles=[
            DossierArticle(
                id="a1",
                path="in/a1.txt",
                url="https://coastline.example/bridge",
                title="Bridge back in service",
                outlet="Coastline Daily",
                authors=["Ana Ruiz"],
                credits=[],
                cites=[],
                published=Published(date="2031-04-28", basis="header"),
                language="en",
            ),
            DossierArticle(
                id="b2",
                path=None,
                url=None,
                title=None,
                outlet="Northern Wire",
                authors=[],
                credits=["NWA"],
                cites=["Coastline Daily"],
                published=Published(date="2031-04-29", basis="inferred", note="file name"),
                language="en",
                duplicate_of=None,
            ),
        ],
        entities=[
            DossierEntity(
                id="e1",
                name="Ilsa Brandt",
                type="PERSON",
                aliases=["Brandt"],
                titles=["Mayor"],
                articles=["a1", "b2"],
                mentions=2,
                merges=[Merge(alias="Brandt", into="Ilsa Brandt", rule="surname")],
            ),
            DossierEntity(
                id="e2",
                name="Veltrano",
                type="GPE",
                aliases=[],
                titles=[],
                articles=["a1", "b2"],
                mentions=2,
            ),
        ],
        timeline=[
            TimelineEntry(
                date="2029",
                granularity="year",
                status="occurred",
                text="Repairs on the Veltrano bridge began.",
                entities=["e2"],
                evidence=[s_a0],
            ),
            TimelineEntry(
                date="2031-04-28",
                granularity="day",
                status="occurred",
                text="The Veltrano bridge reopened.",
                entities=["e2"],
                evidence=[s_a0, s_b0],
            ),
            TimelineEntry(
                date="2031-07",
                granularity="month",
                status="cancelled",
                text="A ribbon-cutting ceremony was called off.",
                entities=[],
                evidence=[s_b2],
            ),
        ],
        summary=[SummarySentence(text=s_a0.text, evidence=[s_a0, s_b0])],
        claims=[
            DossierClaim(
                id="c1",
                text="The bridge reopened.",
                evidence=[s_a0, s_b0],
                outlets=2,
                independent_outlets=2,
                outlet_names=["Coastline Daily", "Northern Wire"],
                independent_outlet_names=["Coastline Daily", "Northern Wire"],
            ),
            DossierClaim(
                id="c2",
                text="A ceremony was cancelled.",
                evidence=[s_b2],
                outlets=1,
                independent_outlets=1,
            ),
        ],
        conflicts=[
            Conflict(
                about="cost of the repairs",
                kind="quantity",
                positions=[
                    Position(value="40 million crowns", evidence=[s_a1]),
                    Position(value="38 million crowns", evidence=[s_b1]),
                ],
            )
        ],
        quotes=[
            QuoteEntry(
                speaker="Ilsa Brandt",
                speaker_entity="e1",
                text="the repairs cost 40 million crowns",
                direct=False,
                evidence=[s_a1],
            ),
            QuoteEntry(
                speaker=None,
                speaker_entity=None,
                text="Finally.",
                direct=True,
                evidence=[ev("b2", 7, "“Finally.”")],
            ),
            QuoteEntry(
                speaker="Brandt",
                speaker_entity="e1",
                text="38 million crowns",
                direct=False,
                evidence=[s_b1],
            ),
        ],
        coverage=[
            Coverage(
                outlet="Coastline Daily", articles=["a1"], claims=["c1"], missing_claims=["c2"]
            ),
            Coverage(
                outlet="Northern Wire",
                articles=["b2"],
                claims=["c1", "c2"],
                exclusive_claims=["c2"],
            ),
        ],
    )


def make_hostile() -> Dossier:
    """Every text field carries an attack string, RTL text or emoji."""
    bad = " ".join(HOSTILE)
    e1 = ev("x1", 0, f"Sentence one {SCRIPT} {RTL} {EMOJI}.")
    e2 = ev("x2", 2, f"Sentence two {BREAKOUT} {CLOSE_SCRIPT} {MD_LINK}.")
    e3 = ev("x1", 5, f"{ENTITY} {MD_IMAGE} {BIDI} {PIPE}")
    return Dossier(
        generated=SCRIPT,
        story=StoryInfo(
            id=BREAKOUT,
            title=f"{SCRIPT} {RTL} {EMOJI}",
            articles=2,
            first_published="2031-01-05",
            last_published=None,
        ),
        articles=[
            DossierArticle(
                id="x1",
                path=CLOSE_SCRIPT,
                url=JS_URL,
                title=f"{BREAKOUT} {MD_LINK}",
                outlet=SCRIPT,
                authors=[BREAKOUT, RTL],
                credits=[CLOSE_SCRIPT],
                cites=[MD_IMAGE],
                published=Published(date="2031-01-05", basis="metadata", note=SCRIPT),
                language="ar",
            ),
            DossierArticle(
                id="x2",
                path=None,
                url=f"data:text/html,{SCRIPT}",
                title=CLOSE_SCRIPT,
                outlet=f"{RTL} {EMOJI}",
                authors=[],
                credits=[],
                cites=[],
                published=Published(),
                language="en",
                duplicate_of="x1",
            ),
        ],
        entities=[
            DossierEntity(
                id=SCRIPT,
                name=BREAKOUT,
                type="PERSON",
                aliases=[SCRIPT, RTL, PIPE],
                titles=[MD_LINK],
                articles=["x1"],
                mentions=3,
                merges=[Merge(alias=SCRIPT, into=BREAKOUT, rule=CLOSE_SCRIPT, detail=JS_URL)],
            ),
        ],
        timeline=[
            TimelineEntry(
                date="2031-01-05",
                granularity="day",
                status="occurred",
                text=bad,
                entities=[SCRIPT],
                evidence=[e1, e2],
            ),
            TimelineEntry(
                date="2031-02",
                granularity="month",
                status="planned",
                text=f"{CLOSE_SCRIPT} {EMOJI}",
                entities=[],
                evidence=[e3],
            ),
            TimelineEntry(
                date="2031",
                granularity="year",
                status="expected",
                text=RTL,
                entities=["no-such-entity"],
                evidence=[],
            ),
        ],
        summary=[
            SummarySentence(text=bad, evidence=[e1]),
            SummarySentence(text=f"# {MD_LINK}\n- {PIPE}", evidence=[e2, e3]),
        ],
        claims=[
            DossierClaim(
                id="k1",
                text=bad,
                evidence=[e1, e2],
                outlets=2,
                independent_outlets=1,
                outlet_names=[SCRIPT, RTL],
                independent_outlet_names=[SCRIPT],
            )
        ],
        conflicts=[
            Conflict(
                about=bad,
                kind="other",
                note=MD_IMAGE,
                positions=[
                    Position(value=SCRIPT, evidence=[e1]),
                    Position(value=BREAKOUT, evidence=[e2, e3]),
                ],
            )
        ],
        quotes=[
            QuoteEntry(speaker=SCRIPT, speaker_entity=None, text=bad, direct=True, evidence=[e2]),
            QuoteEntry(
                speaker=None, speaker_entity=SCRIPT, text=CLOSE_SCRIPT, direct=False, evidence=[e3]
            ),
        ],
        coverage=[
            Coverage(
                outlet=SCRIPT,
                articles=["x1", "x-unknown"],
                claims=["k1"],
                exclusive_claims=["k1"],
                missing_claims=[JS_URL],
            )
        ],
    )
