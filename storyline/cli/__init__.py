"""storyline.cli."""
