"""Hand-built, fictional dossiers for the render tests.

``make_hostile`` puts an attack string into every text field a report shows,
the way a crafted article could: outlet names, titles, URLs, sentences, aliases.
"""

from __future__ import annotations

from storyline.model import Coverage, Dossier, Merge, Published, StoryInfo, SummarySentence
from tests.builders import article, claim, conflict, dossier, entity, entry, ev, quote

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
    both = ["Coastline Daily", "Northern Wire"]
    return dossier(
        StoryInfo(
            id="st-bridge",
            title="Veltrano bridge reopens",
            articles=2,
            first_published="2031-04-28",
            last_published="2031-04-29",
        ),
        generated="2031-05-02T09:00:00Z",
        articles=[
            article(
                "a1",
                "Coastline Daily",
                "2031-04-28",
                path="in/a1.txt",
                url="https://coastline.example/bridge",
                title="Bridge back in service",
                authors=["Ana Ruiz"],
            ),
            article(
                "b2",
                "Northern Wire",
                None,
                title=None,
                credits=["NWA"],
                cites=["Coastline Daily"],
                published=Published(date="2031-04-29", basis="inferred", note="file name"),
            ),
        ],
        entities=[
            entity(
                "e1",
                "Ilsa Brandt",
                ["Brandt"],
                titles=["Mayor"],
                articles=["a1", "b2"],
                merges=[Merge(alias="Brandt", into="Ilsa Brandt", rule="surname")],
            ),
            entity("e2", "Veltrano", [], type="GPE", articles=["a1", "b2"]),
        ],
        timeline=[
            entry("2029", "year", "Repairs on the Veltrano bridge began.", [s_a0], entities=["e2"]),
            entry(
                "2031-04-28", "day", "The Veltrano bridge reopened.", [s_a0, s_b0], entities=["e2"]
            ),
            entry(
                "2031-07",
                "month",
                "A ribbon-cutting ceremony was called off.",
                [s_b2],
                status="cancelled",
            ),
        ],
        summary=[SummarySentence(text=s_a0.text, evidence=[s_a0, s_b0])],
        claims=[
            claim(
                "c1",
                [s_a0, s_b0],
                text="The bridge reopened.",
                outlets=2,
                independent_outlets=2,
                outlet_names=both,
                independent_outlet_names=both,
            ),
            claim("c2", [s_b2], text="A ceremony was cancelled."),
        ],
        conflicts=[
            conflict(
                "cost of the repairs",
                "quantity",
                [("40 million crowns", [s_a1]), ("38 million crowns", [s_b1])],
            )
        ],
        quotes=[
            quote("Ilsa Brandt", "e1", "the repairs cost 40 million crowns", [s_a1], direct=False),
            quote(None, None, "Finally.", [ev("b2", 7, "“Finally.”")], direct=True),
            quote("Brandt", "e1", "38 million crowns", [s_b1], direct=False),
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
    return dossier(
        StoryInfo(
            id=BREAKOUT,
            title=f"{SCRIPT} {RTL} {EMOJI}",
            articles=2,
            first_published="2031-01-05",
            last_published=None,
        ),
        generated=SCRIPT,
        articles=[
            article(
                "x1",
                SCRIPT,
                None,
                path=CLOSE_SCRIPT,
                url=JS_URL,
                title=f"{BREAKOUT} {MD_LINK}",
                authors=[BREAKOUT, RTL],
                credits=[CLOSE_SCRIPT],
                cites=[MD_IMAGE],
                published=Published(date="2031-01-05", basis="metadata", note=SCRIPT),
                language="ar",
            ),
            article(
                "x2",
                f"{RTL} {EMOJI}",
                None,
                url=f"data:text/html,{SCRIPT}",
                title=CLOSE_SCRIPT,
                published=Published(),
                duplicate_of="x1",
            ),
        ],
        entities=[
            entity(
                SCRIPT,
                BREAKOUT,
                [SCRIPT, RTL, PIPE],
                titles=[MD_LINK],
                articles=["x1"],
                mentions=3,
                merges=[Merge(alias=SCRIPT, into=BREAKOUT, rule=CLOSE_SCRIPT, detail=JS_URL)],
            ),
        ],
        timeline=[
            entry("2031-01-05", "day", bad, [e1, e2], entities=[SCRIPT]),
            entry("2031-02", "month", f"{CLOSE_SCRIPT} {EMOJI}", [e3], status="planned"),
            entry("2031", "year", RTL, [], status="expected", entities=["no-such-entity"]),
        ],
        summary=[
            SummarySentence(text=bad, evidence=[e1]),
            SummarySentence(text=f"# {MD_LINK}\n- {PIPE}", evidence=[e2, e3]),
        ],
        claims=[
            claim(
                "k1",
                [e1, e2],
                text=bad,
                outlets=2,
                outlet_names=[SCRIPT, RTL],
                independent_outlet_names=[SCRIPT],
            )
        ],
        conflicts=[
            conflict(bad, "other", [(SCRIPT, [e1]), (BREAKOUT, [e2, e3])], note=MD_IMAGE),
        ],
        quotes=[
            quote(SCRIPT, None, bad, [e2], direct=True),
            quote(None, SCRIPT, CLOSE_SCRIPT, [e3], direct=False),
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
