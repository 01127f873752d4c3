"""The base of every record, and the vocabularies records share."""

from __future__ import annotations

from typing import Literal

import msgspec

DateBasis = Literal["header", "byline", "metadata", "inferred"]
Granularity = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century"]
EventStatus = Literal["occurred", "planned", "expected", "cancelled"]
ConflictKind = Literal["quantity", "date", "name", "attribution", "other"]
ChangeKind = Literal["new_claim", "revised_figure", "new_conflict", "claim_dropped", "new_article"]
ZoneKind = Literal["body", "furniture", "comments", "caption", "sidebar"]
SourceKind = Literal["feed", "sitemap", "opml", "urls"]
FailureStage = Literal["annotate", "infer_dates", "detect", "link", "synthesize", "render"]

SCHEMA_VERSION = 1


class Record(msgspec.Struct, kw_only=True, omit_defaults=False):
    """Base of every record: keyword-only construction, value equality."""
