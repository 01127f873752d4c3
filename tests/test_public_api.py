"""The curated public API: everything in __all__ resolves, and importing is cheap."""

from __future__ import annotations

import subprocess
import sys

import storyline


def test_all_names_resolve() -> None:
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None, name
    assert sorted(storyline.__all__) == sorted(set(storyline.__all__))


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        storyline.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_loads_no_model() -> None:
    code = (
        "import sys, storyline; storyline.Dossier; "
        "print('spacy' in sys.modules, 'onnxruntime' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_stage_subpackages_are_not_shadowed() -> None:
    import importlib

    for stage in ("ingest", "annotate", "link", "synthesize", "render"):
        assert stage not in storyline.__all__
        assert importlib.import_module(f"storyline.{stage}").__name__ == f"storyline.{stage}"
