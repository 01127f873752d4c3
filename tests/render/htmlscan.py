"""Read an HTML page the way a browser's tokenizer would, for assertions about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Scan:
    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str, str | None]] = field(default_factory=list)  # tag, name, value
    text: list[str] = field(default_factory=list)  # decoded text outside <script>/<style>
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    def hrefs(self) -> list[str]:
        return [v or "" for _, name, v in self.attrs if name == "href"]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._raw: tuple[str, dict[str, str | None]] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.append(tag)
        self.scan.attrs += [(tag, name, value) for name, value in attrs]
        if tag in ("script", "style"):
            self._raw = (tag, dict(attrs))
            self._buf = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.append(tag)
        self.scan.attrs += [(tag, name, value) for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if self._raw and tag == self._raw[0]:
            body = "".join(self._buf)
            if tag == "script":
                self.scan.scripts.append((self._raw[1], body))
            else:
                self.scan.styles.append(body)
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw:
            self._buf.append(data)
        else:
            self.scan.text.append(data)


def scan(page: str) -> Scan:
    parser = _Parser()
    parser.feed(page)
    parser.close()
    return parser.scan
