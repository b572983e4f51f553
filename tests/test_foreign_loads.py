"""The detector the page, email and stylesheet checks rely on finds each way of loading from another host."""

import pytest

from .foreign_loads import foreign_loads


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.org/jquery.js"></script>',
        "<img src=//cdn.example.org/pixel.gif>",
        '<img alt="" srcset="/static/a.png 1x, https://cdn.example.org/a@2x.png 2x">',
        '<link rel="stylesheet" href="https://fonts.example.org/css?family=Inter">',
        '<LINK HREF="http://cdn.example.org/x.css" REL="stylesheet">',
        '<div class="x" data-x="1"></div><style>body { background: url("https://cdn.example.org/bg.png") }</style>',
        "@import url(//fonts.example.org/inter.css);",
        "@import 'https://fonts.example.org/inter.css';",
        '<iframe src="https://video.example.org/embed"></iframe>',
        '<object data="https://cdn.example.org/movie.swf"></object>',
    ],
)
def test_loads_from_another_host_are_found(html):
    assert foreign_loads(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/import-progress.js"></script>',
        '<link rel="stylesheet" href="/static/css/peerpartners.css">',
        '<a href="https://www.ed.gov/ferpa">FERPA</a>',
        '<form action="/accounts/login/" method="post"></form>',
        '<img alt="QR code" src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
        "background: url(data:image/svg+xml,%3csvg%3e%3c/svg%3e)",
        "Apply at http://127.0.0.1:8000/join/4/ (a link in a plain-text email)",
    ],
)
def test_our_own_files_and_plain_links_are_not(html):
    assert foreign_loads(html) == []
