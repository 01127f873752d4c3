"""storyline.render."""
