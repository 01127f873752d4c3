"""Progress bars on standard error (rich), or nothing with --quiet."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class RichProgress:
    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task: int | None = None

    def start(self, task: str, total: int | None) -> None:
        if self._task is None:
            self._progress.start()
        self.finish()
        self._task = self._progress.add_task(task, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)  # type: ignore[arg-type]

    def finish(self) -> None:
        if self._task is not None:
            task = self._progress.tasks[-1]
            if task.total is None:
                self._progress.update(self._task, total=task.completed)  # type: ignore[arg-type]

    def close(self) -> None:
        self._progress.stop()
