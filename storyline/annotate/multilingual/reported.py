"""Reported speech with no quote marks, in a language other than English.

What English reads from spaCy's parse (:mod:`storyline.annotate.reported`), read here
from the language's word lists and the names the reader found, in three shapes:

- "according to" and a name, anywhere: "Según X, …", "…, selon X.", "Laut X ist …",
  "… que según X volvieron …" (the clause is the sentence without it);
- the clause first: "…, dijo X." / "…, X sagte.";
- the speaker, the speech verb, its conjunction, the clause: "X dijo que …", "X a
  déclaré qu'…", "X ha detto che …", "X sagte, dass …" (German also without "dass": "X
  sagte, die Lage sei ernst"), "X disse que …", "X zei dat …".

The speaker is a name (a person, an organisation, a place speaking for its government:
"Damas a annoncé que", or a capitalised name of unknown type) beside the verb: nothing
between them but an auxiliary or an adverb, or an aside set off by commas ("Tomas
Reyland, portavoz de la Junta, dijo que …"). A name that completes a noun or follows a
preposition ("el informe de la ONU dijo …", "en Siria dijo …"), a negated verb ("X no
dijo que", "X sagte nicht, dass"), a question, or a sentence with quote marks (read as a
direct quote) gives nothing: precision first, as in English, where reported speech from
no one we can name is no quote. A line break ends a sentence here (a headline above
its report).
"""

from __future__ import annotations

import re

from storyline.annotate.multilingual.quotes import ADDRESSEE, full_name, speaker_after
from storyline.languages.words import WORDS, Words
from storyline.model import Mention, Quote, Sentence

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What joins a speech verb to the clause it reports.
CONJUNCTIONS = {
    "es": r"que", "fr": r"qu(?:e\b|['’])", "it": r"che", "de": r"dass",
    "nl": r"dat", "pt": r"que",
}  # fmt: skip
# Prepositions that make the name after them the complement of a noun ("de la ONU").
_GENITIVE = {
    "es": frozenset({"de", "del"}), "fr": frozenset({"de", "du", "des", "d'", "d’"}),
    "it": frozenset({"di", "del", "della", "dei", "degli", "dello"}),
    "de": frozenset({"von", "des", "der"}), "nl": frozenset({"van"}),
    "pt": frozenset({"de", "do", "da", "dos", "das"}),
}  # fmt: skip
_ARTICLES = {
    "es": frozenset({"el", "la", "los", "las"}), "fr": frozenset({"le", "la", "les", "l'", "l’"}),
    "it": frozenset({"il", "lo", "la", "i", "gli", "le", "l'", "l’"}),
    "de": frozenset({"der", "die", "das", "den", "dem"}), "nl": frozenset({"de", "het"}),
    "pt": frozenset({"o", "a", "os", "as"}),
}  # fmt: skip
_ADVERB = re.compile(r"\w{3,}(?:mente|ment)$")  # "también" no; "finalmente", "également"
_VERB_SECOND = frozenset({"de", "nl"})  # "Laut X ist …", "Volgens X is …": no comma
_MARKS = frozenset('"“”„«»「」『』‹›')  # a sentence with quote marks is read as a direct quote
_CONNECTOR = 3  # words before "according to" that only join the sentence ("Sin embargo,")
_VERB_TO_CONJ = 4  # words a speech verb's conjunction may stand after it ("en un comunicado")
_ASIDE = 120  # characters of an aside between a speaker and the verb
_MIN_WORDS = 3  # words a reported clause needs
_TAIL = 12  # words after a clause's last comma: "…, said X during his visit to Y."
_SPEAKERS = frozenset({"PERSON", "ORG", "MISC", "GPE", "LOC"})


def find_reported(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    language: str,
    quoted: set[int],
) -> list[Quote]:
    """Reported clauses with their speakers, one at most a sentence; ``quoted`` are the
    sentences that hold a direct quote, left alone."""
    words = WORDS.get(language)
    if words is None or not words.speech_verbs or language not in CONJUNCTIONS:
        return []
    names = sorted((m for m in mentions if _speaker_like(m)), key=lambda m: m.start)
    out: list[Quote] = []
    for s in sentences:
        lines = _lines(s)
        if s.index in quoted and len(lines) == 1:
            continue
        for start, end in lines:
            if text[start:end].rstrip().endswith("?") or any(c in _MARKS for c in text[start:end]):
                continue
            line = Sentence(index=s.index, start=start, end=end, text=text[start:end])
            mine = [m for m in names if start <= m.start and m.end <= end]
            found = (
                _according(text, line, mine, words)
                or _clause_first(text, line, mine, words)
                or _speaker_first(text, line, mine, words)
            )
            if found is None:
                continue
            speaker, cue, clause = found
            clause = " ".join(clause.split()).strip(" ,.;:")
            if len(_WORD.findall(clause)) < _MIN_WORDS:
                continue
            out.append(
                Quote(
                    sentence=s.index,
                    sentences=[s.index],
                    text=clause,
                    speaker=full_name(speaker, mentions),
                    cue=cue,
                    direct=False,
                )
            )
            break
    return out


def _lines(s: Sentence) -> list[tuple[int, int]]:
    spans, at = [], s.start
    for line in s.text.split("\n"):
        if line.strip():
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _speaker_like(m: Mention) -> bool:
    return m.label in _SPEAKERS and m.text[:1].isupper()


def _according(
    text: str, s: Sentence, names: list[Mention], words: Words
) -> tuple[str, str, str] | None:
    """ "according to" right before a name: the sentence without the phrase is the clause."""
    tokens = list(_WORD.finditer(text, s.start, s.end))
    articles = _ARTICLES[words.language]
    for k, tok in enumerate(tokens):
        if tok.group().lower() not in words.according_to:
            continue
        if k > 0 and tokens[k - 1].group().lower() in articles:
            continue  # "il secondo ponte", "o segundo pilar": an ordinal
        name = next((m for m in names if m.start >= tok.end()), None)
        if name is None:
            return None
        gap = [w.lower() for w in _WORD.findall(text[tok.end() : name.start])]
        if len(gap) > 2 or any(w not in articles and w not in words.roles for w in gap):
            continue
        head = text[s.start : tok.start()]
        rest = text[name.end : s.end]
        lead = _WORD.findall(head)
        if not lead or (len(lead) <= _CONNECTOR and head.rstrip().endswith(",")):
            # "Según X, …" / "Sin embargo, según X, …" / "Laut X ist …"
            comma = rest.find(",")
            if comma < 0 and words.language not in _VERB_SECOND:
                return None
            clause = rest[comma + 1 :]
        elif head.rstrip().endswith(","):  # "…, según X(, corresponsal de CNN)."
            clause = head
        else:  # "… que según X volvieron …", "… des morts selon X, et …"
            clause = head + rest
        return name.text, tok.group(), clause
    return None


def _clause_first(
    text: str, s: Sentence, names: list[Mention], words: Words
) -> tuple[str, str, str] | None:
    """ "…, dijo X." / "…, X sagte.": the verb and its speaker after the sentence's last
    comma, nothing after them."""
    comma = text.rfind(",", s.start, s.end)
    if comma < 0 or not 0 < len(_WORD.findall(text[comma + 1 : s.end])) <= _TAIL:
        return None
    speaker, cue = speaker_after(text, comma, 0, [s], names, words)
    if speaker is None or cue is None:
        lone = [m for m in names if m.start > comma]
        if len(lone) != 1 or _WORD.findall(text[comma + 1 : lone[0].start]):
            return None
        after = [w.lower() for w in _WORD.findall(text[lone[0].end : s.end])]
        if not after or len(after) > 2 or after[-1] not in words.speech_verbs:
            return None  # "…, X sagte." / "…, X ha detto.": the verb closes the sentence
        if len(after) == 2 and after[0] not in words.auxiliaries:
            return None
        speaker, cue = lone[0].text, " ".join(after)
    if cue.lower() in words.according_to:
        return None  # read by _according
    return speaker, cue, text[s.start : comma]


def _speaker_first(
    text: str, s: Sentence, names: list[Mention], words: Words
) -> tuple[str, str, str] | None:
    """ "X dijo que …", "X sagte, …": the first speech verb whose conjunction follows it."""
    conjunction = re.compile(rf"(?i)\b{CONJUNCTIONS[words.language]}")
    for tok in _WORD.finditer(text, s.start, s.end):
        if tok.group().lower() not in words.speech_verbs:
            continue
        after = text[tok.end() : s.end]
        m = conjunction.search(after)
        lead = after[: m.start()] if m else ""
        if (
            m is not None
            and len(_WORD.findall(lead)) <= _VERB_TO_CONJ
            and "," not in lead.rstrip(", ")
        ):
            clause = after[m.end() :]
        elif words.language == "de" and after.startswith(","):
            lead, clause = "", after[1:]  # "X sagte, die Lage sei ernst" (the subjunctive)
        else:
            continue
        if _negated(_WORD.findall(lead), words):
            return None  # "X sagte nicht, dass", "X zei niet dat"
        speaker = _subject(text, s, tok, names, words)
        if speaker is None:
            return None
        return speaker.text, tok.group(), clause
    return None


def _subject(
    text: str, s: Sentence, verb: re.Match[str], names: list[Mention], words: Words
) -> Mention | None:
    """The name the speech verb says its words of: right before it (auxiliaries or an
    adverb between), or before an aside between commas."""
    left = [m for m in names if m.end <= verb.start()]
    if not left:
        return None
    name = left[-1]
    gap = [w.lower() for w in _WORD.findall(text[name.end : verb.start()])]
    if _negated(gap, words) or re.search(r"[.!?;:]", text[name.end : verb.start()]):
        return None  # "X no dijo que", "X n'a pas dit que"; "X ? Il a dit"
    direct = _free(gap, words) and not _complement(text, s, name, words)
    if direct and (
        "," not in text[name.end : verb.start()]
        or re.search(r",\s*$", text[s.start : name.start])  # "El portavoz, Tomas Reyland, dijo"
    ):
        return name
    # Before an aside: "Londres, pour sa part, a assuré que …"; "Zakaria M., del grupo
    # rebelde X, indicó que …" (X closes the aside, Zakaria M. speaks).
    for candidate in reversed(left):
        aside = text[candidate.end : verb.start()]
        shape = rf"\s*,[^,;.]{{1,{_ASIDE}}},(?:\s*(?:{_auxiliaries(words)}))?\s*"
        if re.fullmatch(shape, aside, flags=re.IGNORECASE) and not _complement(
            text, s, candidate, words
        ):
            return candidate
    return name if direct else None  # "Marc Le Goff, a affirmé que …"


def _auxiliaries(words: Words) -> str:
    return "|".join(re.escape(a) for a in sorted(words.auxiliaries)) or "(?!)"


def _negated(gap: list[str], words: Words) -> bool:
    return any(w.lower() in words.negation or w[:2].lower() in ("n'", "n’") for w in gap)


def _free(gap: list[str], words: Words) -> bool:
    """Nothing between a speaker and the verb but auxiliaries and one adverb."""
    rest = [w for w in gap if w not in words.auxiliaries]
    return not rest or (
        len(rest) == 1 and (rest[0] in words.deictic or bool(_ADVERB.match(rest[0])))
    )


def _complement(text: str, s: Sentence, name: Mention, words: Words) -> bool:
    """The name completes a noun or follows a preposition: "el informe de la ONU", "en
    Siria", "et Anwar al-Bunni" (one of two speakers)."""
    before = [w.lower() for w in _WORD.findall(text[s.start : name.start])][-2:]
    articles = _ARTICLES[words.language]
    while before and before[-1] in articles:
        before.pop()
    if not before or re.search(r"[,;:]\s*$", text[s.start : name.start]):
        return False
    word = before[-1]
    return (
        word in _GENITIVE.get(words.language, frozenset())
        or word in ADDRESSEE_ALL
        or word in _PREPOSITIONS.get(words.language, frozenset())
    )


ADDRESSEE_ALL = frozenset().union(*ADDRESSEE.values())
# Prepositions, and "and" (a name after it is one of two speakers).
_PREPOSITIONS = {
    "es": _w("en con desde para por sin sobre tras entre hacia contra ante bajo y e"),
    "fr": _w("en avec depuis pour par sans sur après entre vers contre chez dans sous et"),
    "it": _w("in con da per su tra fra senza verso contro sotto nel nella sul sulla dal dalla e"),
    "de": _w("in mit aus bei nach seit für über unter gegen ohne zwischen im vom beim am und"),
    "nl": _w("in met uit bij na sinds voor over onder tegen zonder tussen naar op en"),
    "pt": _w("em com desde para por sem sobre após entre contra no na nos nas pelo pela e"),
}
