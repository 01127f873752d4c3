"""Apparatus: a stored sentence that is the page around a report, not a statement of its story.

Ingest zones keep out the furniture a line shows on its own; what they miss runs into one
sentence with the body or stands as a sentence of its own: a photographer's credit, an
author's note, a series note ("This post is part of ..."), a promotion or an interface line
that speaks to the reader, a reading time, a server's error line, a teaser cut at "[…]", a
photo's caption or a page's stamp ("A picture taken on June 18 shows ...", "Page last
updated at ..."), or the tail of a sentence split at a bracket that lost its subject. None
of it is a claim, an entry of a timeline or a summary sentence (``link/tellings.py``,
``synthesize/timeline/candidates.py``, ``synthesize/summary.py``). A headline or a time stamp
run into a statement leaves it a statement: precision first, a statement taken out is lost
evidence.

Read at link and synthesis time from the stored sentence text alone, so that the stored
sentences, and every label that points at one by its index, stay as ingest made them. Every
cue is a shape a page gives in any language it is written in; none knows a site or a story.
"""

from __future__ import annotations

import re

from storyline.languages.voice import unquoted

# A photographer's credit run into a caption: "Jane Doe/Agency Images" (a slash escaped as
# "\\/" in tokenized copy).
_CREDIT = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\\?/[A-Z][a-z]+ Images\b")
# The page speaking of itself: "This post is part of ...", "Ce billet fait partie ...",
# "Este post es parte de ...", "This video was shot on ...": the page's own note, in the
# languages storyline reads.
_SELF = re.compile(
    r"^(?:This|Ce|Cet|Cette|Este|Esta|Questo|Questa|Dieser|Diese|Dieses|Dit|Deze|Esse|Essa)\s+"
    r"(?:article|post|blog|billet|story|report\s+was|vid[eé]o|v[ií]deo|photo|foto|picture|"
    r"image|imagen|gallery|art[ií]culo|articolo|artigo|Artikel|artikel|entrada|nota|"
    r"reportage|Beitrag|bericht)\b",
    re.IGNORECASE,
)
# An author's note set off by a dash ("- Jane Doe is a columnist."); a reading time
# ("Temps de lecture 7 min"), a server's error line standing alone (one before a sentence,
# like a time stamp, leaves the sentence a statement), a teaser cut at an ellipsis in
# brackets ("... todos los pueblos de […]"). A bare "..." is left alone: French and Spanish
# close statements with it too.
_AUTHOR_NOTE = re.compile(
    r"^[-–—]+\s*[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3} "
    r"(?:is an?|est une?|es una?|è una?|ist eine?|é uma?) "
)
_FURNITURE = re.compile(
    "|".join(
        (
            r"\b(?:temps|tiempo|tempo) de (?:lecture|lectura|leitura)\b",
            r"\b\d+ min(?:ute)? read\b",
            r"error occurred while processing this directive\W*(?:-RRB-)?\W*$",
            r"\[(?:…|\.\.\.)\]\s*\.?$",
        )
    ),
    re.IGNORECASE,
)
# The tail of a sentence cut at a bracket: it opens on a closing bracket ("-RRB- , who has
# received ..."), a comma, a semicolon or a list mark.
_CUT = re.compile(r"^(?:-RRB-|-RSB-|[)\]},;#])")
# In English, the end of an abbreviation the splitter cut ("U.S" cut after "U.", leaving
# "S, exploded on April 20."); elsewhere a lone capital and a comma is a word ("Y, ...").
ABBREVIATION_TAIL = re.compile(r"^[B-HJ-Z],\s")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The reader spoken to outside a quotation: a promotion ("Get the newsletter delivered to
# your inbox"), an invitation ("Tell us what you think"), a programme's trail ("Welcome
# to all of you"), an interface line ("Your browser may be preventing you from ...").
SECOND_PERSON: dict[str, frozenset[str]] = {
    "en": _words("you your yours yourself yourselves"),
    "es": _words("usted ustedes vosotros vosotras vuestro vuestra tú"),
    "fr": _words("vous votre vos tu toi"),
    "it": _words("voi vostro vostra vostri tuo tua"),
    "de": _words("du dich dein deine euch euer"),
    "nl": _words("jij jouw jullie uw"),
    "pt": _words("você vocês teu tua vosso"),
}
# ... but not the "you" of anyone, which a condition or a relative clause opens ("It
# depends on whom you ask", "If you want to know ..., come to ..."): a writer's statement.
_ANYONE = re.compile(
    r"\b(?:if|whom|when|whether|unless|si|s'|cuando|quand|lorsque|wenn|ob|se|quando|als)\s+\w+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
# Where a headline that ends without a stop runs into the sentence after it: a capitalized
# word right after a lower-case one, a lower-case one after it ("... questions answered
# More cases ..."). Only what follows the last such break is read for the reader spoken to.
_BREAK = re.compile(r"(?<![\w'’.-])[a-z]+ ([A-Z][a-z]+)(?= [a-z])")
# A quotation mark alone on a line of its own: a copy's artifact, no quotation.
_LONE_MARK = re.compile(r"^\s*[\"“”]\s*\n")
# A quotation closed in this sentence and opened in an earlier one ("You need to act now,"
# he said.): the words before its closing mark are the speaker's.
_CLOSED_ONLY = re.compile(r"^[^\"“”`]*?[\w.,!?…](?:\"|”|'')(?=\s|$)")


# A photo's or a video's caption: the picture, the words that say when it was taken ("A
# picture taken by a drone on June 18 shows ...", "Photo prise le 18 juin", "Imagen tomada
# el 18 de junio"). A video "released" on a day is left: its release can be the news.
_PICTURE = {
    "en": r"(?:picture|photo(?:graph)?|image|video|footage|snapshot)s?",
    "fr": r"(?:photo(?:graphie)?|image|vid[eé]o|clich[eé])s?",
    "es": r"(?:foto(?:graf[ií]a)?|imagen|im[aá]genes|v[ií]deo)s?",
}
_TAKEN = {
    "en": r"(?:taken|shot|filmed|dated)",
    "fr": r"(?:prises?|pris|tourn[ée]e?s?|film[ée]e?s?|dat[ée]e?s?)",
    "es": r"(?:tomad[ao]s?|captad[ao]s?|grabad[ao]s?|fechad[ao]s?)",
}
# A page's stamp: "Page last updated at ...", "Dernière mise à jour le", "Actualizado el".
_STAMP = {
    "en": r"(?:\blast\s+updated|^\s*(?:page\s+)?(?:updated|published|posted)\b)",
    "fr": r"(?:\bmise?\s+à\s+jour\s+(?:le|à)\b|\bderni[eè]re\s+mise\s+à\s+jour\b|"
    r"^\s*publi[ée]e?\s+le\b)",
    "es": r"(?:\bactualizad[oa]\s+(?:el|a\s+las)\b|\b[uú]ltima\s+actualizaci[oó]n\b|"
    r"^\s*publicad[oa]\s+el\b)",
}
_WORDS = r"(?:[\w'’-]+\s+){0,3}?"
CAPTION_BEFORE = {
    lang: re.compile(
        rf"(?:\b{_PICTURE[lang]}\s+{_WORDS}{_TAKEN[lang]}\b|{_STAMP[lang]})[^.;!?]{{0,40}}$",
        re.IGNORECASE,
    )
    for lang in _PICTURE
}
_CAPTION_OPENING = {
    lang: re.compile(rf"^(?:[\w'’-]+\s+){{0,3}}{_PICTURE[lang]}\s+{_WORDS}{_TAKEN[lang]}\b", re.I)
    for lang in _PICTURE
}
_STAMP_OPENING = {lang: re.compile(rf"^\W*(?:page\s+)?{_STAMP[lang]}", re.I) for lang in _STAMP}
# A stamp is a line of its own: one run into a statement leaves it a statement.
_STAMP_WORDS = 12


def caption_or_stamp_before(before: str, language: str = "en") -> bool:
    """Whether a date right after ``before`` (the words of its sentence before it) lies in
    a photo's caption or a page's stamp ("A picture taken on", "Page last updated at")."""
    pattern = CAPTION_BEFORE.get(language)
    return bool(pattern and pattern.search(before))


def is_apparatus(text: str, language: str = "en") -> bool:
    """Whether a stored sentence is the page's apparatus rather than a statement.

    True for a photographer's credit, an author's note, a series note, a promotion
    or interface line that speaks to the reader, a reading time, an error line, a
    teaser cut at "[…]", a caption or a page stamp, and the tail of a sentence cut at a
    bracket; False for a
    report's own sentence, whatever it tells.
    """
    text = text.strip()
    if not text:
        return False
    return bool(
        _CREDIT.search(text)
        or _SELF.match(text)
        or _AUTHOR_NOTE.match(text)
        or _FURNITURE.search(unquoted(text).rstrip())
        or _CUT.match(text)
        or (language == "en" and ABBREVIATION_TAIL.match(text))
        or _speaks_to_reader(text, language)
        or _caption(text, language)
    )


def _caption(text: str, language: str) -> bool:
    """Whether a sentence opens as a photo's caption or a page's stamp ("A picture taken
    on June 18 shows ...", "Page last updated at ...")."""
    caption, stamp = _CAPTION_OPENING.get(language), _STAMP_OPENING.get(language)
    return bool(
        (caption and caption.search(text))
        or (stamp and stamp.search(text) and len(text.split()) <= _STAMP_WORDS)
    )


def _speaks_to_reader(text: str, language: str) -> bool:
    """Whether the writer addresses the reader ("you") outside any quotation (one
    opened in an earlier sentence included), outside a condition that means anyone,
    and not in a title ("I Want You Back")."""
    words = SECOND_PERSON.get(language)
    if not words:
        return False
    narrative = unquoted(_CLOSED_ONLY.sub(" ", _LONE_MARK.sub("", text)))
    breaks = [m.start(1) for m in _BREAK.finditer(narrative)]
    narrative = narrative[breaks[-1] :] if breaks else narrative
    return any(
        m.group().lower() in words
        and not m.group().isupper()
        and (m.group().islower() or not narrative[: m.start()].strip())  # "I Want You Back"
        and narrative[m.start() - 1 : m.start()] != "-"  # "rendez-vous", "do-it-yourself"
        and not _ANYONE.search(narrative[: m.end()])
        for m in _WORD.finditer(narrative)
    )


# What a photo caption or a gallery line says of its picture, in English: "Pictured, from
# left, are ...", "In this image taken from video ...", "A dead shark is seen laying in the
# surf", "A screenshot of the page ...", "(pictured)", "AP FILE:". "Is seen as" / "seen to"
# / "seen by" is a view, not a picture, and is left.
_CAPTION = re.compile(
    r"\bpictured\b|\bin this (?:(?:undated|file|handout|video) )?(?:image|photo|photograph|"
    r"picture|still)\b|\b(?:is|are) seen (?!as\b|to\b|by\b|in\b|from\b|at\b)[a-z]+ing\b|"
    r"\bscreenshot\b|\bscreen grab\b|^\W*(?:AP|AFP|Reuters) FILE\b",
    re.IGNORECASE,
)
# A video or radio piece's trail: the outlet's correspondent, named, "looks at whether ...",
# "finds out what ...", "breaks down the forces ..."; a programme's "Watch ... at 8 p.m.".
_TEASER = re.compile(
    r"(?:\b[Cc]orrespondent\b|\b[Ee]ditor\b|\b[Rr]eporter\b|'s [A-Z][a-z]+ [A-Z][a-z]+)"
    r"[^.;:]{0,60}\b(?:looks (?:at|back|into)|finds out|examines|explores|breaks down|"
    r"takes a look|investigates|reports on|asks (?:whether|if|how|what|why))\b"
    r"|^Watch [A-Z0-9][^.]{0,40}\b\d{1,2}(?::\d\d)? ?(?:&|and)?[^.]{0,12}[ap]\.?m\b"
)


def is_caption_or_trail(text: str, language: str = "en") -> bool:
    """Whether an English sentence is a photo caption's account of its picture or a
    video piece's trail: the page showing or promoting something, not telling an event.

    A caption that tells an event ("Diplomats vote on a resolution ... February 26") has
    none of these cues and stays; one that names its picture ("is seen", "pictured", "in
    this image") goes, with what it tells: it dates the picture, not what happened. Read
    by the timeline only (``synthesize/timeline/candidates.py``): a claim or a summary
    sentence told in a caption is left to ``is_apparatus``.
    """
    if language != "en":
        return False
    text = text.strip()
    return bool(_CAPTION.search(text) or _TEASER.search(text))
