"""storyline.synthesize."""
