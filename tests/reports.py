"""Fictional report records (the objects of a JSON Lines input) shared by the end-to-end tests."""

from __future__ import annotations

# A flood in a made-up town (the stories beside it tell its first day their own way).
FLOOD_1 = {
    "date": "2031-02-02",
    "outlet": "Brenmoor Courier",
    "title": "Ulle floods lower Brenmoor",
    "text": (
        "The river Ulle burst its banks in Brenmoor on Sunday, flooding the lower town. "
        "Twelve people died in the flooding, the regional office said. "
        "Mayor Mara Voss said emergency shelters had opened in two schools."
    ),
}
FLOOD_2 = {
    "date": "2031-02-03",
    "outlet": "Valley Post",
    "title": "Brenmoor counts the cost of the Ulle flood",
    "text": (
        "Residents of Brenmoor began clearing mud on Monday after the river Ulle flooded the "
        "lower town. Twelve people died in the flooding, the regional office said. "
        "Mayor Mara Voss asked the government for emergency funds to repair the levee."
    ),
}

# A chess tournament: a story of its own beside any other, sharing no name or word of note.
CHESS_1 = {
    "date": "2031-02-02",
    "outlet": "Board Review",
    "title": "Teodor Lasz leads the Calder Open",
    "text": (
        "Grandmaster Teodor Lasz won his fourth game in a row at the Calder Open chess "
        "tournament on Sunday. The seventeen-year-old sacrificed a rook on move twenty and "
        "checkmated his opponent nine moves later. Lasz now leads the tournament by a full point."
    ),
}
CHESS_2 = {
    "date": "2031-02-04",
    "outlet": "Chess Weekly",
    "title": "Lasz holds on in Calder",
    "text": (
        "Teodor Lasz drew with the defending champion in the sixth round of the Calder Open "
        "chess tournament. The young grandmaster kept his one-point lead with three rounds left. "
        "Lasz said he had prepared the opening for months."
    ),
}
