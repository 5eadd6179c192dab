"""The engines' shared parts: the loopback server every engine opens the site from (it adds our error
collector to each page), and the interface each backend implements."""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
# Debian's libwebkit2gtk-4.1-0 ships MiniBrowser here (architecture folder found at run time).
MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
XVFB = "/usr/bin/Xvfb"

HOOK = "/__engine-test/"
_COLLECTOR = r"""(() => {
  const errors = window.__engineErrors = [];
  addEventListener('error', e => {
    const t = e.target;
    errors.push(t && t !== window && (t.src || t.href)
      ? `failed to load ${t.src || t.href}` : `${e.message} at ${e.filename}:${e.lineno}`);
  }, true);
  addEventListener('unhandledrejection', e => errors.push(`unhandled rejection: ${e.reason}`));
  const original = console.error;
  console.error = function (...args) {
    errors.push(args.map(String).join(' '));
    return original.apply(this, args);
  };
})();
"""
# A phone's screen, as a frame of the given size (see the module's docstring).
_FRAME = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frame</title>
<link rel="icon" href="data:,">
<style>html,body{margin:0;padding:0}iframe{border:0;display:block}</style></head><body>
<iframe id="screen" title="page" width="WIDTH" height="HEIGHT" src="SRC"></iframe></body></html>"""
ENGINES = ("chromium", "webkit", "firefox")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == HOOK + "collector.js":
            return self._send(_COLLECTOR.encode(), "text/javascript")
        if path == HOOK + "frame.html":
            params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
            size = {"WIDTH": str(int(params["width"])), "HEIGHT": str(int(params["height"]))}
            page = re.sub(
                "WIDTH|HEIGHT|SRC", lambda m: size.get(m.group(0), html.escape(params["src"])), _FRAME
            )
            return self._send(page.encode(), "text/html; charset=utf-8")
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            markup = file.read_text(encoding="utf-8")
            markup = re.sub(r"<head>", f'<head><script src="{HOOK}collector.js"></script>', markup, count=1)
            return self._send(markup.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class EngineSite:
    """The built site on loopback, with the error collector in every page."""

    def __init__(self, site: Path) -> None:
        self.site = site
        handler = functools.partial(_Handler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def frame(self, path: str, width: int, height: int) -> str:
        return f"{self.url}{HOOK}frame.html?width={width}&height={height}&src=/{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Engine:
    """What a flow may do in a browser. `run` takes the body of a JavaScript function whose arguments are
    `args`, and returns what it returns (JSON values)."""

    name = ""

    def open(self, url: str) -> None:
        """Go to the page and wait until it has loaded."""
        raise NotImplementedError

    def run(self, body: str, *args: Any) -> Any:
        raise NotImplementedError

    def click(self, selector: str) -> None:
        """A real pointer click in the middle of the first element that matches."""
        raise NotImplementedError

    def type(self, selector: str, text: str) -> None:
        """Click into the element, then type the text key by key."""
        raise NotImplementedError

    def screenshot(self, selector: str, path: Path) -> None:
        """A PNG of the element that matches."""
        raise NotImplementedError

    def native_errors(self) -> list[str]:
        """Errors from the engine's own console log since the last `open`."""
        return []

    def close(self) -> None:
        raise NotImplementedError

    def errors(self) -> list[str]:
        """Every error on the open page since it loaded: the collector's (its frame's too), the engine's."""
        collected = self.run(
            """const frame = document.querySelector('iframe#screen');
            const inner = frame && frame.contentWindow ? frame.contentWindow.__engineErrors || [] : [];
            return [...(window.__engineErrors || []), ...inner];"""
        )
        return collected + self.native_errors()

    def wait_for(self, body: str, *args: Any, timeout: float = 10.0) -> Any:
        """Run `body` until it returns something truthy; fail with the last value after `timeout` seconds."""
        end = time.monotonic() + timeout
        while True:
            value = self.run(body, *args)
            if value or time.monotonic() > end:
                assert value, f"{self.name}: timed out waiting for {body.strip()[:120]}"
                return value
            time.sleep(0.05)

    def _loaded(self) -> None:
        self.wait_for("return document.readyState === 'complete';", timeout=30)
