"""The login guard: exact credentials and a growing wait after repeated failures, per client.

Gradio's own login strips the user name ("u " logs in as "u") and accepts any number of attempts. This
ASGI middleware sits in front of its POST /login: it compares the user name exactly and the password in
constant time, refuses a client that has failed too often (HTTP 429) without even checking what it sent,
and logs every failure. No gradio here; qa.ui hands the guard to the app it serves.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

FREE_FAILURES = 3  # failures allowed before any wait (typos happen)
FIRST_WAIT = 2.0  # seconds after the first failure past that; doubles with each further one …
MAX_WAIT = 300.0  # … up to five minutes
FORGET_AFTER = 3600.0  # a client with no failure for an hour starts afresh
MAX_BODY = 64 * 1024  # a login form is a few hundred bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


@dataclass
class _Record:
    failures: int = 0
    blocked_until: float = 0.0
    last: float = 0.0


class LoginThrottle:
    """Counts failed logins per client and says how long each must wait; thread-safe, clock injectable."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds the client must still wait before an attempt is checked (0: go ahead)."""
        with self._lock:
            record = self._records.get(client)
            return max(0.0, record.blocked_until - self._clock()) if record else 0.0

    def failed(self, client: str) -> int:
        """Record a failure; returns the client's failures in a row."""
        now = self._clock()
        with self._lock:
            self._forget_old(now)
            record = self._records.setdefault(client, _Record())
            record.failures += 1
            record.last = now
            extra = record.failures - FREE_FAILURES
            if extra > 0:
                record.blocked_until = now + min(MAX_WAIT, FIRST_WAIT * 2 ** (extra - 1))
            return record.failures

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)

    def _forget_old(self, now: float) -> None:
        for client in [c for c, r in self._records.items() if now - r.last > FORGET_AFTER]:
            del self._records[client]


def credentials_match(user: str, password: str, expected: tuple[str, str]) -> bool:
    """Exact user name (no trimming, no case folding) and password, compared in constant time."""
    user_ok = hmac.compare_digest(user.encode("utf-8", "surrogatepass"), expected[0].encode("utf-8"))
    password_ok = hmac.compare_digest(password.encode("utf-8", "surrogatepass"), expected[1].encode("utf-8"))
    return user_ok and password_ok


class LoginGuard:
    """ASGI middleware: checks POST …/login itself before the app's own login sees it."""

    def __init__(self, app: ASGIApp, credentials: tuple[str, str], throttle: LoginThrottle | None = None) -> None:
        self.app = app
        self.credentials = credentials
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        path = scope.get("path", "").rstrip("/")
        if scope["type"] != "http" or scope.get("method") != "POST" or not path.endswith("/login"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.wait(client)
        if wait > 0:
            log.warning("login refused for %s: too many failures, %.0f s to wait", client, wait)
            await _reply(send, 429, f"Too many failed logins — wait {wait:.0f} s and try again.",
                         [(b"retry-after", str(int(wait) + 1).encode())])
            return
        body = await _read_body(receive)
        user, password = _form(dict(scope.get("headers") or []).get(b"content-type", b""), body)
        if not credentials_match(user, password, self.credentials):
            failures = self.throttle.failed(client)
            log.warning("failed login for %r from %s (%d in a row)", user[:40], client, failures)
            await _reply(send, 400, "Incorrect credentials.")
            return
        self.throttle.succeeded(client)
        await self.app(scope, _replay(body), send)


async def _read_body(receive: Callable[[], Awaitable[Message]]) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body") or len(body) > MAX_BODY:
            return body[:MAX_BODY]


def _replay(body: bytes) -> Callable[[], Awaitable[Message]]:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


def _form(content_type: bytes, body: bytes) -> tuple[str, str]:
    """The username and password of a urlencoded or multipart login form ("" when absent)."""
    kind = content_type.decode("latin-1")
    if kind.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type + b"\r\n\r\n" + body)
        fields = {part.get_param("name", header="content-disposition"): part.get_content()
                  for part in message.iter_parts()} if message.is_multipart() else {}
        return str(fields.get("username", "")), str(fields.get("password", ""))
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return fields.get("username", [""])[0], fields.get("password", [""])[0]


async def _reply(send: Callable[[Message], Awaitable[None]], status: int, detail: str,
                 headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})
