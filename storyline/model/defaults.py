"""Defaults that a stage and ``Settings`` both need, defined once.

A stage may not import ``settings`` (DESIGN.md, "Who imports whom") and ``settings`` may
not import a stage (that would load its libraries to read a number), so the few defaults
both read live here, beside the records every stage imports.
"""

MAX_BYTES = 20_000_000  # an input file larger than this is rejected at ingest
EMBEDDER = "minilm-int8"  # the sentence encoder: English MiniLM, int8 ONNX (annotate/embed.py)
