"""A static host on loopback that compresses text with gzip, as a clinic's web host would."""

from __future__ import annotations

import gzip
import http.server
import urllib.parse
from pathlib import Path

from support.site import served

# What common static hosts compress; images and fonts in WOFF2 are compressed already.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ico"})
GZIP_LEVEL = 6  # nginx and most CDNs use 1 to 6; 6 is the common "good" setting


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def transfer_size(path: Path) -> int:
    """Bytes of the body a gzip-accepting browser receives for this file."""
    data = path.read_bytes()
    return gzip_size(data) if path.suffix in COMPRESSIBLE else len(data)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """What copyfile() reads from: the compressed body."""

    def __init__(self, body: bytes):
        self._body = body

    def read(self, size: int = -1) -> bytes:
        body, self._body = self._body, b""
        return body

    def close(self) -> None:
        pass


def serve(site: Path):
    """Serve `site` on 127.0.0.1 (a free port), compressing text with gzip, until the block ends; yields
    the base URL."""
    return served(site, handler=_GzipHandler)
