"""A WeasyPrint URL fetcher for every PDF the site prints: our own static and media files and data URIs only.

Anything else, in particular any network address, is refused, so no PDF loads anything from another host.
WeasyPrint is imported lazily so the site starts on a machine without Pango.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage


class RefusedURL(ValueError):
    """The PDF asked for something that is not one of our own static or media files."""


def _site_path(url: str, prefix: str) -> str | None:
    """The file name under ``prefix`` (STATIC_URL or MEDIA_URL) of one of our own URLs, or None."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    prefix = "/" + prefix.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    name = posixpath.normpath(path[len(prefix) :])
    if name.startswith(("..", "/")) or name == ".":
        return None
    return name


def _static_file(name: str) -> Path | None:
    try:
        collected = Path(staticfiles_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        collected = None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def _media_file(name: str) -> Path | None:
    try:
        path = Path(default_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        return None
    return path if path.is_file() else None


def own_file(url: str) -> Path | None:
    """The file on disk behind one of our static or media URLs; None for every other URL."""
    if (name := _site_path(url, settings.STATIC_URL)) is not None:
        return _static_file(name)
    if (name := _site_path(url, settings.MEDIA_URL)) is not None:
        return _media_file(name)
    return None


def url_fetcher():
    """A WeasyPrint URL fetcher limited to our own files and data URIs (built lazily: WeasyPrint is optional)."""
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class OwnFilesFetcher(URLFetcher):
        def __init__(self):
            # No redirects, and only the two schemes we serve ourselves; http(s) is answered below, never opened.
            super().__init__(allowed_protocols={"data", "http", "https"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = own_file(url)
            if path is None:
                raise RefusedURL(f"PDFs load only our own static and media files, not {url}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    return OwnFilesFetcher()
