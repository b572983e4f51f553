"""Finds what an HTML page, a stylesheet or an email would load from another host.

Links (``<a href>``) and form targets load nothing; what counts is ``src``, ``srcset``, ``<link href>``, ``data``
and ``poster`` attributes, and CSS ``url(...)`` and ``@import``. "Another host" is any absolute http(s) URL and any
protocol-relative ``//host/`` URL: our own files are referenced by path.
"""

import re

FOREIGN = r"(?:https?:)?//"
PATTERNS = [
    re.compile(rf"""\b(?:src|data|poster)\s*=\s*["']?\s*{FOREIGN}[^\s"'>]*""", re.IGNORECASE),
    re.compile(rf"""<link\b[^>]*?\bhref\s*=\s*["']?\s*{FOREIGN}[^\s"'>]*""", re.IGNORECASE),
    re.compile(rf"""url\(\s*["']?\s*{FOREIGN}[^)]*\)""", re.IGNORECASE),
    re.compile(rf"""@import\s+(?:url\(\s*)?["']?\s*{FOREIGN}[^\s;]*""", re.IGNORECASE),
]
SRCSET = re.compile(r"""\bsrcset\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def foreign_loads(text: str) -> list[str]:
    found = [match.group(0) for pattern in PATTERNS for match in pattern.finditer(text)]
    for match in SRCSET.finditer(text):
        for candidate in match.group(2).split(","):
            url = candidate.strip().split(" ")[0]
            if re.match(FOREIGN, url, re.IGNORECASE):
                found.append(f"srcset {url}")
    return found
