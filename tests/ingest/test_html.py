"""HTML pages through trafilatura: text and metadata."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import read_inputs
from storyline.model import Article
from tests.ingest.reading import rejection_of

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Ferry service ends | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Tamsin Roe">
<meta property="article:published_time" content="2022-09-14T07:45:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry service between Saltmere and Gorran Point to end</h1>
<p>The ferry between Saltmere and Gorran Point will stop running in October after the last
operator withdrew its bid, the harbour authority said on Tuesday.</p>
<p>Commuters said the crossing saved them an hour each way, and shop owners in Gorran Point
feared fewer visitors in the summer, according to the Lanterne newspaper.</p>
<p>The authority said it would look for a new operator next spring./XNW</p>
</article>
<footer>Copyright Harbour Gazette</footer>
</body></html>
"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(PAGE)
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.title == "Ferry service between Saltmere and Gorran Point to end"
    assert article.text.startswith("The ferry between Saltmere")
    assert "Sport" not in article.text and "Copyright" not in article.text
    assert (article.published.date, article.published.basis) == ("2022-09-14", "metadata")
    assert article.outlet == "Harbour Gazette"
    assert article.authors == ["Tamsin Roe"]
    assert article.credits == ["XNW"]
    assert article.cites == ["Lanterne"]
    assert article.text.count("\n\n") == 2  # paragraphs kept apart


def test_html_without_article_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "nav.htm"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    rejection = rejection_of(path)
    assert rejection.reason == "no article text found in the HTML page"
