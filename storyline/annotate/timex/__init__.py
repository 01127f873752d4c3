"""Time expressions, normalized to TimeML against the article's publication date.

``core`` finds and reads them (``find_timexes``); ``spans`` chooses the candidate
spans; ``rules``, ``phrases`` and ``fast`` are our own readings, ``recognizer`` wraps
Recognizers-Text for the rest; ``verbs`` reads the governing verb's tense and
modality; ``anaphora`` counts "the next day" from the day the text last named.
Month and weekday words come from ``storyline.languages.calendar``.
"""

from storyline.annotate.timex.anaphora import ANAPHORA_SENTENCES
from storyline.annotate.timex.core import FAR_BACK_DAYS, FAR_BACK_MONTHS, find_timexes

__all__ = ["ANAPHORA_SENTENCES", "FAR_BACK_DAYS", "FAR_BACK_MONTHS", "find_timexes"]
