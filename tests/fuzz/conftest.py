"""Hypothesis profiles for the fuzz properties, and a one-line summary of a run.

Profiles (``settings.register_profile``):

- ``ci`` (the default): few examples, a deadline per example, no example database and
  a fixed seed, so the whole of tests/fuzz stays around a minute on a loaded 2-core
  machine and fails the same way twice.
- ``fuzz``: many examples, no deadline pressure, examples kept in .hypothesis/ so a
  failure found once is replayed first next time. ``make fuzz`` runs it.

The profile is chosen by ``--hypothesis-profile NAME`` or the ``STORYLINE_FUZZ_PROFILE``
environment variable; ``STORYLINE_FUZZ_EXAMPLES`` overrides the fuzz profile's count.
Properties that run the spaCy pipeline take a fraction of the count (``heavy``).
"""

from __future__ import annotations

import datetime
import os
import re

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=datetime.timedelta(seconds=5),
    database=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "2000")),
    deadline=datetime.timedelta(seconds=60),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PROFILE_ENV = "STORYLINE_FUZZ_PROFILE"


def pytest_configure(config: pytest.Config) -> None:
    name = config.getoption("--hypothesis-profile", None) or os.environ.get(PROFILE_ENV, "ci")
    settings.load_profile(name)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The spaCy pipeline, loaded once, with the recognizers warmed: the first call of
    each costs a second or more, which no example's deadline should pay."""
    from storyline.annotate.nlp import load_nlp
    from storyline.annotate.number_phrases import word_value
    from storyline.annotate.timex.recognizer import recognize

    recognize("last Monday", datetime.date(2031, 3, 13))
    word_value("five")
    return load_nlp()


_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")
_DISTINCT = re.compile(r"Found (\d+)(?: more)? distinct error")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """ "fuzz: N properties, E examples run, D distinct failures, P properties failed"."""
    tests = examples = distinct = 0
    failed = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            # "deselected" holds the items -m left out, not reports
            if not isinstance(report, pytest.TestReport) or "tests/fuzz/" not in report.nodeid:
                continue
            if report.when == "call" and report.failed:
                failed.append(report.nodeid)
            # The plugin hangs a property's statistics on its teardown report.
            if stats := report.__dict__.get("_hypothesis_stats"):
                tests += 1
                for passing, fails, _ in _COUNTS.findall(stats):
                    examples += int(passing) + int(fails)
                distinct += sum(int(n) for n in _DISTINCT.findall(stats))
    if tests:
        terminalreporter.write_line(
            f"fuzz ({settings.default.max_examples} examples per property at most): "
            f"{tests} properties, {examples} examples run, {distinct} distinct failures, "
            f"{len(failed)} properties failed"
        )
        for nodeid in failed:
            terminalreporter.write_line(f"  failed: {nodeid}")
