"""One small browser interface with a backend for each engine patients use, so that a flow is written once
and run in all three:

- Chromium: Debian's `chromium`, through Playwright (the `browser` fixture of conftest.py);
- WebKit: Debian's `webkit2gtk-driver` (WebKitWebDriver and its MiniBrowser), through Selenium, on an Xvfb
  display that the tests start;
- Firefox: Debian's `firefox-esr`, through WebDriver BiDi, spoken here over its own WebSocket.

`tools/ensure-browsers` installs all three. A missing engine fails the test run; it never skips.

Every engine opens the site from `EngineSite`, a loopback server that puts one script of ours, served from
the same origin, at the top of each page: it records uncaught errors, failed loads and console.error calls,
in every engine alike (WebKit's WebDriver has no console log of its own). Chromium's and Firefox's own
console logs are read as well.

A 320 px wide screen is a 320 px wide frame on a page of the same server: WebKitGTK's MiniBrowser window
cannot be made narrower than its toolbar, and a frame gives every engine the same viewport to lay out in.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import warnings
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


class Chromium(Engine):
    name = "chromium"

    def __init__(self, browser) -> None:  # the Playwright browser of conftest.py
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self._log: list[str] = []
        self.page.on("console", lambda m: self._log.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self._log.append(str(e)))

    def open(self, url: str) -> None:
        self._log.clear()
        self.page.goto(url, wait_until="load")
        self._loaded()

    def run(self, body: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => {{ {body} }}", list(args))

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        self.page.keyboard.type(text)

    def screenshot(self, selector: str, path: Path) -> None:
        self.page.locator(selector).first.screenshot(path=str(path))

    def native_errors(self) -> list[str]:
        return list(self._log)

    def close(self) -> None:
        self.context.close()


def _minibrowser() -> str:
    import glob

    found = sorted(glob.glob(MINIBROWSER_GLOB))
    assert found, f"WebKit's MiniBrowser not found ({MINIBROWSER_GLOB}): run `make test`, which installs it"
    return found[0]


class WebKit(Engine):
    name = "webkit"

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        assert Path(WEBKIT_DRIVER).exists(), f"{WEBKIT_DRIVER} not found: run `make test`, which installs it"
        assert Path(XVFB).exists(), f"{XVFB} not found: run `make test`, which installs it"
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            [XVFB, "-displayfd", str(write), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not start"
        options = Options()
        options.binary_location = _minibrowser()
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": f":{display}"})
        try:
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK class still uses a RemoteConnection argument it deprecates.
                warnings.simplefilter("ignore", DeprecationWarning)
                self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)
            raise
        self.driver.set_window_size(1280, 900)

    def open(self, url: str) -> None:
        self.driver.get(url)
        self._loaded()

    def run(self, body: str, *args: Any) -> Any:
        return self.driver.execute_script(f"const args = [...arguments]; {body}", *args)

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def click(self, selector: str) -> None:
        self._element(selector).click()

    def type(self, selector: str, text: str) -> None:
        element = self._element(selector)
        element.click()
        element.send_keys(text)

    def screenshot(self, selector: str, path: Path) -> None:
        # WebKitWebDriver's element screenshot of a frame leaves its top black: crop the window's instead.
        import io

        from PIL import Image

        box = self.run(
            """const r = document.querySelector(args[0]).getBoundingClientRect(), s = devicePixelRatio;
            return [r.left * s, r.top * s, r.right * s, r.bottom * s].map(Math.round);""",
            selector,
        )
        Image.open(io.BytesIO(self.driver.get_screenshot_as_png())).crop(tuple(box)).save(path)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)


# Firefox with a fresh profile, told not to call Mozilla's services (the machine's network is closed).
_FIREFOX_PREFS = {
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "services.settings.server": "data:,",
    "extensions.update.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
}


class _Bidi:
    """The few WebDriver BiDi commands the flows need, over Firefox's WebSocket."""

    def __init__(self, url: str) -> None:
        from websockets.sync.client import connect

        self.stack = contextlib.ExitStack()
        self.socket = self.stack.enter_context(connect(url, max_size=None, open_timeout=30))
        self.last = 0
        self.events: list[dict] = []

    def __call__(self, method: str, **params: Any) -> dict:
        self.last += 1
        self.socket.send(json.dumps({"id": self.last, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.last:
                assert message["type"] == "success", f"firefox: {method}: {message}"
                return message["result"]
            if message.get("type") == "event":
                self.events.append(message)

    def close(self) -> None:
        self.stack.close()


def _from_bidi(value: dict) -> Any:
    kind = value["type"]
    if kind in ("undefined", "null"):
        return None
    if kind in ("string", "boolean"):
        return value["value"]
    if kind == "number":
        number = value["value"]
        return number if not isinstance(number, str) else float(number.replace("Infinity", "inf"))
    if kind == "array":
        return [_from_bidi(v) for v in value.get("value", [])]
    if kind == "object":
        return {k: _from_bidi(v) for k, v in value.get("value", [])}
    return value  # a node or another remote object, as BiDi describes it


def _to_bidi(value: Any) -> dict:
    if value is None:
        return {"type": "null"}
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if isinstance(value, (int, float)):
        return {"type": "number", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, (list, tuple)):
        return {"type": "array", "value": [_to_bidi(v) for v in value]}
    if isinstance(value, dict):
        return {"type": "object", "value": [[k, _to_bidi(v)] for k, v in value.items()]}
    raise TypeError(value)


class Firefox(Engine):
    name = "firefox"

    def __init__(self) -> None:
        assert Path(FIREFOX).exists(), f"{FIREFOX} not found: run `make test`, which installs it"
        self.profile = tempfile.mkdtemp(prefix="firefox-profile-")
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in _FIREFOX_PREFS.items())
        Path(self.profile, "user.js").write_text(prefs, encoding="utf-8")
        self.process = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--profile", self.profile, "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = None
        for line in self.process.stderr:
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                url = found.group(1)
                break
        assert url, "Firefox did not open its WebDriver BiDi port"
        # Keep reading Firefox's own chatter, so that it never blocks on a full pipe.
        self.reader = threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True)
        self.reader.start()
        self.bidi = _Bidi(url + "/session")
        self.bidi("session.new", capabilities={})
        self.context = self.bidi("browsingContext.getTree")["contexts"][0]["context"]
        self.bidi("session.subscribe", events=["log.entryAdded"])
        self.bidi(
            "browsingContext.setViewport", context=self.context, viewport={"width": 1280, "height": 900}
        )

    def open(self, url: str) -> None:
        self.bidi.events.clear()
        self.bidi("browsingContext.navigate", context=self.context, url=url, wait="complete")
        self._loaded()

    def _call(self, function: str, args: list[Any]) -> dict:
        result = self.bidi(
            "script.callFunction",
            functionDeclaration=function,
            arguments=[_to_bidi(a) for a in args],
            target={"context": self.context},
            awaitPromise=True,
        )
        assert result["type"] == "success", f"firefox: {result.get('exceptionDetails', result)}"
        return result["result"]

    def run(self, body: str, *args: Any) -> Any:
        return _from_bidi(self._call(f"(...args) => {{ {body} }}", list(args)))

    def _element(self, selector: str) -> dict:
        node = self._call(
            """(s) => { const e = document.querySelector(s);
                if (e) e.scrollIntoView({block: 'center'}); return e; }""",
            [selector],
        )
        assert node["type"] == "node", f"firefox: no element {selector}"
        return {"type": "element", "element": {"sharedId": node["sharedId"]}}

    def click(self, selector: str) -> None:
        origin = self._element(selector)
        moves = [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        actions = [
            {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": moves}
        ]
        self.bidi("input.performActions", context=self.context, actions=actions)

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        keys = [a for c in text for a in ({"type": "keyDown", "value": c}, {"type": "keyUp", "value": c})]
        self.bidi(
            "input.performActions",
            context=self.context,
            actions=[{"type": "key", "id": "keys", "actions": keys}],
        )

    def screenshot(self, selector: str, path: Path) -> None:
        origin = self._element(selector)
        shot = self.bidi(
            "browsingContext.captureScreenshot", context=self.context, clip={"type": "element", **origin}
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def native_errors(self) -> list[str]:
        return [
            e["params"].get("text") or str(e["params"].get("args"))
            for e in self.bidi.events
            if e.get("method") == "log.entryAdded" and e["params"].get("level") == "error"
        ]

    def close(self) -> None:
        try:
            self.bidi("session.end")
            self.bidi.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.reader.join(timeout=10)
            self.process.stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)


def start(name: str, chromium_browser=None) -> Engine:
    if name == "chromium":
        return Chromium(chromium_browser)
    if name == "webkit":
        return WebKit()
    if name == "firefox":
        return Firefox()
    raise ValueError(name)
