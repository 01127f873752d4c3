"""storyline: a sourced story dossier from a pile of news reports."""

__version__ = "0.1.0"
