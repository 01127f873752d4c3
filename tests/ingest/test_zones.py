"""Zones: page furniture, reader comments, captions and sidebars kept apart from the body."""

from __future__ import annotations

from storyline.ingest import mark_templates, read_inputs
from storyline.ingest.zones import find_zones
from storyline.model import Article

PAGE = """Brenmoor Courier home | Weather | Sport
The river Ulle burst its banks in Brenmoor on Sunday, flooding the lower town.
Photograph: Ada Lind/Wirepix Twelve people died in the flooding, the regional office said.
Mayor Mara Voss said emergency shelters had opened in two schools.
Click here to share your photos of the flood with us.
Copyright 2031 Brenmoor Courier. All rights reserved.
Quarry strike enters third week
Harbour fire: what we know so far
The council meets again on Friday to discuss the levee.
At 5:48 pm on 3 Feb 2031, riverfan wrote: The levee was always too low.
I told the council years ago.
At 6:02 pm on 3 Feb 2031, kestrel9 wrote: Thoughts with everyone.
"""


def _zoned(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for z in find_zones(text):
        out.setdefault(z.kind, []).append(text[z.start : z.end])
    return out


def test_furniture_comments_captions_and_sidebars_are_zoned_and_the_body_is_not() -> None:
    zoned = _zoned(PAGE)
    assert any("share your photos" in z for z in zoned["furniture"])
    assert any("Copyright 2031" in z for z in zoned["furniture"])
    sidebar = "Quarry strike enters third week\nHarbour fire: what we know so far"
    assert zoned["sidebar"] == [sidebar]
    assert zoned["caption"] == ["Photograph: Ada Lind/Wirepix"]
    assert zoned["comments"][0].startswith("At 5:48 pm") and "Thoughts" in zoned["comments"][0]
    body = Article(id="x", text=PAGE, zones=find_zones(PAGE)).body_text()
    assert len(body) == len(PAGE)  # offsets still index the stored text
    for kept in (
        "The river Ulle burst its banks",
        "Twelve people died in the flooding",
        "Mayor Mara Voss said",
        "The council meets again on Friday",
    ):
        assert kept in body
    for gone in ("share your photos", "Quarry strike", "riverfan", "Ada Lind", "Copyright"):
        assert gone not in body


def test_a_line_many_reports_of_a_batch_repeat_is_template(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bodies = [
        "The levee gave way on Sunday night after three days of rain.",
        "Relief convoys reached the lower town with drinking water.",
        "Mayor Mara Voss asked for emergency funds to repair the levee.",
        "Schools in the lower town will stay closed until March.",
    ]
    for i, body in enumerate(bodies):
        (tmp_path / f"{i}.txt").write_text(
            f"{body}\nWill the quarry strike spread to the port?\n{body.replace('.', ' again.')}\n"
        )
    articles = [a for a in read_inputs([tmp_path]) if isinstance(a, Article)]
    changed = {a.id: a for a in mark_templates(articles)}
    assert len(changed) == 4
    for a in changed.values():
        assert "quarry strike" not in a.body_text()
        assert a.body_text().strip().startswith(a.text.split("\n")[0])


def test_a_page_header_glued_to_the_lede_is_zoned_up_to_its_time_stamp() -> None:
    text = (
        "Ferry line reopens AMBERLEY , Norland | Thu Aug 18 , 2031 3:52 am IST AMBERLEY , "
        "Norland The ferry line reopened on Monday .\nPassengers queued for hours ."
    )
    body = Article(id="x", text=text, zones=find_zones(text)).body_text()
    assert "Ferry line reopens" not in body and "3:52" not in body
    assert "The ferry line reopened on Monday ." in body and "Passengers queued" in body
