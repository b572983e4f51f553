"""WeasyPrint loads only our own static and media files (and data URIs): never the network."""

import pytest

from schools import pdf_fetcher

pytestmark = pytest.mark.usefixtures("weasyprint_ready")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.com/poster.css",
        # Our own host, but not a static or media file, or escaping the folder.
        "http://127.0.0.1:8000/admin/",
        "http://127.0.0.1:8000/static/../peerpartners/settings.py",
        "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/media/../db.sqlite3",
        # The static path on another host.
        "https://evil.example.org/static/css/recruitment-materials.css",
    ],
)
def test_the_fetcher_refuses_everything_but_our_files(url):
    with pytest.raises(ValueError):
        pdf_fetcher.url_fetcher().fetch(url)


def test_the_fetcher_serves_our_stylesheet_and_data_uris():
    fetcher = pdf_fetcher.url_fetcher()
    response = fetcher.fetch("http://127.0.0.1:8000/static/css/recruitment-materials.css")
    try:
        assert response.content_type == "text/css"
        assert b"@page" in response.read()
    finally:
        response.close()
    response = fetcher.fetch("data:text/plain,hello")
    try:
        assert response.read() == b"hello"
    finally:
        response.close()


def test_the_fetcher_serves_our_media_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.png").write_bytes(b"\x89PNG fake")
    response = pdf_fetcher.url_fetcher().fetch("http://127.0.0.1:8000/media/logo.png")
    try:
        assert response.read() == b"\x89PNG fake"
    finally:
        response.close()


def test_a_remote_image_in_the_html_is_not_fetched():
    """End to end: a page asking for a remote image prints without it, and the fetcher was asked and said no."""
    from weasyprint import HTML

    refused = []
    fetcher = pdf_fetcher.url_fetcher()
    original = fetcher.fetch

    def recording_fetch(url, headers=None):
        try:
            return original(url, headers)
        except pdf_fetcher.RefusedURL:
            refused.append(url)
            raise

    fetcher.fetch = recording_fetch
    html = '<html lang="en"><body><img src="https://example.com/tracker.png" alt="x"><p>Hi</p></body></html>'
    HTML(string=html, base_url="http://127.0.0.1:8000/", url_fetcher=fetcher).write_pdf()
    assert refused == ["https://example.com/tracker.png"]
