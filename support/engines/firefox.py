"""Firefox: Debian's `firefox-esr`, through WebDriver BiDi, spoken here over its own WebSocket."""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from .base import FIREFOX, Engine

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
