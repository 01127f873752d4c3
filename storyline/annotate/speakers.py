"""Speakers: who a speaking verb's subject is, resolved inside one article.

A cue is a speaking verb ("said", "told", "according to"); its subject is resolved
to a person named in the article: a surname to the nearest earlier full name holding
it, a pronoun or role noun ("the spokesperson") to the most recent compatible person
(gender from honorifics, role words or the first name; office from the titles written
around each name).  Precision first: a speaker that cannot be told is None.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex, lemma_of
from storyline.annotate.people import (
    as_person,
    body_name,
    first_name_gender,
    possessed_bodies,
    unlabelled_names,
    untagged_organisations,
)
from storyline.annotate.roles import (
    HONORIFICS,
    OFFICES,
    PRONOUNS,
    ROLE_GENDER,
    ROLES,
    is_according,
    is_cue,
    role_of,
)
from storyline.model import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

# fmt: off
_NAMED_LABELS = ("ORG", "GPE", "NORP")
_NAME_EDGE = " ,;:!?\"“”()[]"  # punctuation the tagger leaves on a name's edge
_WINDOW = 5  # sentences back that a pronoun or role noun may reach
# People named before a cue that resolution looks through, the latest first. Every
# article of ordinary length names fewer; a 1.5 MB report names thousands, and looking
# through all of them for each of its thousands of cues grew with their product.
LOOKBACK = 400
# fmt: on


@dataclass
class _Person:
    at: int  # character offset of the mention, or of the cue for a resolved speaker
    name: str  # full name as written in the article
    quoted: bool  # the mention is inside quote marks
    subject: bool  # the subject of its clause (or a speaker): what "he said" can point back to


class Speakers:
    """Resolves the subject of a cue to a person named in the article."""

    def __init__(
        self,
        doc: Doc,
        sentences: list[Sentence],
        index: SentenceIndex,
        spans: list[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.sentences = sentences
        self.index = index
        self.people: list[_Person] = []  # in text order (by ``at``)
        self._names: set[str] = set()
        self.gender: dict[str, str] = {}
        self.titles: dict[str, set[str]] = {}  # role words written around each full name
        self._by_token: dict[int, Span] = {}
        # A word in lower case is no name, whatever the tagger says ("the maharishi").
        ents = [as_person(e) for e in doc.ents if not (e.text.islower() and len(e) == 1)]
        for ent in ents:
            for tok in ent:
                self._by_token[tok.i] = ent
        from spacy.tokens import Span as SpanType  # spaCy is imported lazily, as everywhere here

        found = untagged_organisations(doc, set(self._by_token))
        found += possessed_bodies(doc, {i for i, e in self._by_token.items() if e.label_ != "GPE"})
        for span in found:
            org = SpanType(doc, span.start, span.end, label="ORG")
            for tok in org:
                self._by_token[tok.i] = org
        for ent in sorted(
            [e for e in ents if e.label_ == "PERSON"] + self._unlabelled_names(),
            key=lambda e: e.start,
        ):
            words = self._name_words(ent)
            if not words:
                continue
            # The quoted stretches are in text order and apart: the last one opened
            # before the name is the only one that may hold it.
            k = bisect.bisect_left(spans, (ent.start_char,)) - 1
            quoted = k >= 0 and spans[k][0] < ent.start_char < spans[k][1]
            name = self._full_name(words, ent.start_char)
            titles, gender = self._titles(ent)
            self.titles.setdefault(name, set()).update(titles)
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.head.dep_ in ("nsubj", "nsubjpass") and ent.root.dep_ == "appos"
            )
            self.people.append(
                _Person(at=ent.start_char, name=name, quoted=quoted, subject=subject)
            )
            self._names.add(name)
            gender = gender or first_name_gender(name)
            if gender and name not in self.gender:
                self.gender[name] = gender

    def _unlabelled_names(self) -> list[Span]:
        return unlabelled_names(self.doc, set(self._by_token))

    # ---- names

    @staticmethod
    def _name_words(ent: Span) -> list[str]:
        """The words of a name as written: "Teodora Vasquez-Rhee" keeps its hyphen."""
        toks = [t for t in ent if t.lower_ not in ("'s", "’s")]
        text = "".join(t.text_with_ws for t in toks)
        words = [w.strip(_NAME_EDGE) for w in text.split()]
        words = [w for w in words if w]
        while words and (words[0].lower() in HONORIFICS or words[0].islower()):
            words.pop(0)
        if words:
            words[-1] = re.sub(r"['’]s$", "", words[-1])
        return words

    def _full_name(self, words: list[str], before: int) -> str:
        """A one-word name -> the nearest earlier full name holding it as first or last word."""
        if len(words) > 1:
            return " ".join(words)
        word = words[0]
        for person in reversed(self._before(before)):
            parts = person.name.split()
            if len(parts) > 1 and word in (parts[0], parts[-1]):
                return person.name
        return word

    def _titles(self, ent: Span) -> tuple[frozenset[str], str | None]:
        """Role words written around a name ("spokesman Matthew Miller", "Roe, the minister")."""
        words: list[str] = []
        gender: str | None = None
        k = ent.start - 1
        while k >= 0 and (
            (self.doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and self.doc[k].ent_type_ != "PERSON")
            or (self.doc[k].lower_ == "of" and k > 0 and self.doc[k - 1].pos_ in ("NOUN", "PROPN"))
        ):
            words.append(
                self.doc[k].lower_
            )  # "Secretary of State", "Foreign Ministry spokesperson"
            k -= 1
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ in (
            "NOUN",
            "PROPN",
        ):  # "the minister, Jane Roe,"
            words.extend(
                t.lower_
                for t in root.head.subtree
                if t.i < root.head.i + 1 and t.i < ent.start and t.pos_ in ("NOUN", "PROPN", "ADJ")
            )
        if ent.start > 0 and self.doc[ent.start - 1].lower_ in HONORIFICS:
            gender = HONORIFICS[self.doc[ent.start - 1].lower_]
        if ent[0].lower_ in HONORIFICS:
            gender = HONORIFICS[ent[0].lower_]
        for child in ent.root.children:
            if child.dep_ == "appos":
                words.extend(t.lower_ for t in child.subtree if t.pos_ in ("NOUN", "ADJ"))
        for w in words:
            gender = gender or ROLE_GENDER.get(w)
        return frozenset(role_of(w) for w in words), gender

    # ---- resolution

    def said(self, cue: Token, speaker: str | None) -> None:
        """Remember a resolved speaker: the next "he said" may mean them."""
        if speaker is not None and (speaker in self.gender or speaker in self._names):
            bisect.insort(
                self.people,
                _Person(at=cue.idx, name=speaker, quoted=False, subject=True),
                key=lambda p: p.at,
            )

    def _before(self, offset: int) -> list[_Person]:
        """The ``LOOKBACK`` latest people named before ``offset``, in text order."""
        end = bisect.bisect_left(self.people, offset, key=lambda p: p.at)
        return self.people[max(0, end - LOOKBACK) : end]

    def speaker(self, cue: Token, since: int | None = None) -> str | None:
        """The speaker of ``cue``; ``since``: where the words it reports begin, when before
        it (a pronoun after a long quote reaches back from the quote's start)."""
        subject = self._subject(cue)
        if subject is None:
            return None
        self._since = cue.idx if since is None else min(since, cue.idx)
        return self._resolve(subject, cue)

    def _subject(self, cue: Token) -> Token | None:
        if is_according(cue):
            after: list[Token] = []
            for t in self.doc[cue.i + 2 : cue.i + 8]:
                if t.tag_ in ("VBN", "VBG", "VBD", "VBZ", "VBP") or t.is_punct:
                    break  # "according to a report seen by the Times": the Times is not the source
                after.append(t)
            to = self.doc[cue.i + 1]
            if any(c.dep_ == "pobj" and c.tag_ == "NNS" for c in to.children):
                return None  # "according to journalists from …": no one we can name
            named = [
                t
                for t in after
                if (t.i in self._by_token and self._by_token[t.i].label_ != "NORP")
                or (t.pos_ == "PROPN" and t.i not in self._by_token)
            ]
            if named:  # "according to engineer Jane Roe": the parse may miss the object
                tok = named[0]
                if tok.i in self._by_token:
                    return self._by_token[tok.i].root
                while tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
                    tok = tok.head
                return tok
            objs = [c for c in self.doc[cue.i + 1].children if c.dep_ == "pobj"]
            return objs[0] if objs else None
        subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if cue.dep_ in ("conj", "advcl", "xcomp", "pcomp"):  # pcomp: "was quoted as saying"
            # "He said …, adding that …": the subject of the speaking verb above, else of the head.
            heads = list(cue.ancestors)
            for verb in sorted(heads, key=lambda h: not is_cue(h)):
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj[0]
        # `"…," added the spokesperson`: the parser may take an inverted subject for an object.
        nxt = cue.i + 1
        while nxt < len(self.doc) and self.doc[nxt].pos_ in ("DET", "ADJ", "PROPN", "NOUN"):
            if self.doc[nxt].dep_ in (
                "dobj",
                "attr",
                "npadvmod",
                "nsubj",
                "appos",
                "oprd",
            ) and self.doc[nxt].pos_ in ("NOUN", "PROPN"):
                return self.doc[nxt]
            nxt += 1
        return None

    def _resolve(self, tok: Token, cue: Token) -> str | None:
        ent = self._by_token.get(tok.i)
        if ent is not None and ent.label_ == "PERSON":
            words = self._name_words(ent)
            return self._full_name(words, ent.start_char) if words else None
        for child in tok.children:  # "the spokesperson, Jane Roe," / "spokesperson Jane Roe"
            near = self._by_token.get(child.i)
            if child.dep_ in ("appos", "compound") and near is not None and near.label_ == "PERSON":
                # A PERSON span may hold no name word ("th&amp;e", all lower case).
                words = self._name_words(near)
                return self._full_name(words, near.start_char) if words else None
        if tok.pos_ == "NOUN" and (ent is None or ent.label_ != "PERSON"):
            for child in tok.children:  # "Roe's newspaper, the Sennport Ledger, said"
                near = self._by_token.get(child.i)
                if child.dep_ == "appos" and near is not None and near.label_ == "ORG":
                    return re.sub(r"^(?i:the)\s+", "", re.sub(r"['’]s$", "", near.text))
        if (
            lemma_of(tok) in ROLES
            and tok.tag_ in ("NN", "NNP")
            and (ent is None or ent.label_ != "PERSON")
        ):
            named = self._named_in_apposition(tok)
            if named is not None:
                return named
            if any(c.lower_ in ("a", "an", "another", "one") for c in tok.children):
                return None  # "a US official said": someone not named
            return self._recent(cue, ROLE_GENDER.get(tok.lower_), role_of(lemma_of(tok)))
        if tok.pos_ == "PROPN":
            words = [
                t.text
                for t in tok.subtree
                if (
                    t.pos_ == "PROPN"
                    and t.i <= tok.i
                    and t.dep_ in ("compound", "nsubj", "nsubjpass", "pobj")
                )
                or t.i == tok.i
            ]
            while len(words) > 1 and (words[0].lower() in ROLES or words[0].lower() in HONORIFICS):
                words.pop(0)  # "Mayor Ines Vatter": the role is no part of the name
            if all(w.islower() for w in words) and (ent is None or ent.label_ not in _NAMED_LABELS):
                return None  # "said the maharishi": a title in lower case, no name
            known = self._full_name(words, tok.idx)
            if known != " ".join(words) or ent is None or ent.label_ not in _NAMED_LABELS:
                return known
        if ent is not None and ent.label_ in _NAMED_LABELS:
            return body_name(ent)
        if ent is None and tok.pos_ == "NOUN":
            org = self._organisation(tok)
            if org is not None:
                return org
        if tok.lower_ in PRONOUNS:
            return self._recent(cue, PRONOUNS[tok.lower_], None)
        return None

    def _named_in_apposition(self, role: Token) -> str | None:
        """ "The head of the Audit Office, Anton Brecht, said": the name in apposition at the
        end of the role's phrase, when it is a person's (tagged so, or a known given name;
        the tagger often takes it for a part of the organisation)."""
        for tok in role.subtree:
            if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.i <= role.i:
                continue
            ent = self._by_token.get(tok.i)
            span = ent if ent is not None else self.doc[tok.left_edge.i : tok.i + 1]
            words = self._name_words(span)
            if not words:
                continue
            if (ent is not None and ent.label_ == "PERSON") or (
                len(words) > 1 and first_name_gender(" ".join(words)) is not None
            ):
                return self._full_name(words, span.start_char)
        return None

    def _organisation(self, tok: Token) -> str | None:
        """ "The ministry said" after "the Soltaran Foreign Ministry": the most recent
        organisation named before whose name holds the noun and its modifiers."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        words = {tok.lower_} | {
            c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
        }
        orgs = {id(e): e for e in self._by_token.values() if e.label_ == "ORG"}
        for org in sorted(orgs.values(), key=lambda e: e.start, reverse=True):
            if org.start < tok.i and words <= {t.lower_ for t in org}:
                return body_name(org)
        return None

    def _may_hold(self, name: str, role: str | None) -> bool:
        """False when ``name`` holds an office other than ``role`` ("secretary" vs "minister")."""
        if role not in OFFICES:
            return True
        offices = self.titles.get(name, set()) & OFFICES
        return not offices or role in offices

    def _recent(self, cue: Token, gender: str | None, role: str | None) -> str | None:
        """The most recent person named outside quotes before ``cue`` that fits gender and role."""
        here = self.index.at(min(cue.idx, getattr(self, "_since", cue.idx)))
        if here is None:
            return None
        earlier = [p for p in self._before(cue.idx) if not p.quoted]
        if role is not None:
            titled = [p for p in earlier if role in self.titles.get(p.name, ())]
            if titled:
                return titled[-1].name
        floor = self.sentences[max(0, here - _WINDOW)].start
        near = [p for p in earlier if p.at >= floor and self._may_hold(p.name, role)]
        # Subjects first (the person a paragraph is about); a person named elsewhere in a
        # sentence counts only when their gender is known to fit.
        for person in reversed([p for p in near if p.subject]):
            known = self.gender.get(person.name)
            if gender is None or known is None or known == gender:
                return person.name
        for person in reversed([p for p in near if not p.subject]):
            if gender is not None and self.gender.get(person.name) == gender:
                return person.name
        return None
