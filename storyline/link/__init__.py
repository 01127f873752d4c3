"""storyline.link."""
