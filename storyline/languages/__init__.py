"""Word lists of the languages storyline reads, one module per kind of word.

Shared by the annotator and the timeline (``date_refs``), so it imports nothing of
ours and nothing heavy: a stage may use it as it uses ``storyline.model``.
"""
