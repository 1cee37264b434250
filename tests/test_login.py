"""The login guard (issue 13, item 10): exact user names and a growing wait after repeated failures,
against a real served app on 127.0.0.1 (HTTP login requests, as a browser's login form sends them)."""

from __future__ import annotations

import http.client
import json
import logging
import time
import uuid
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from ui_fixtures import free_port

from qa import QA, Settings, login
from qa.login import LoginThrottle, credentials_match

USER, PASSWORD = "alice", "s3cret pass"


def post_login(port: int, user: str, password: str, *, source: str = "127.0.0.1",
               multipart: bool = False) -> tuple[int, dict, dict]:
    """POST /login from the given loopback address; (status, JSON body, headers)."""
    if multipart:
        boundary = uuid.uuid4().hex
        body = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                       for k, v in (("username", user), ("password", password))) + f"--{boundary}--\r\n"
        kind = f"multipart/form-data; boundary={boundary}"
    else:
        body, kind = urlencode({"username": user, "password": password}), "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request("POST", "/login", body=body.encode(), headers={"Content-Type": kind})
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data or b"{}"), dict(response.getheaders())
    finally:
        conn.close()


@pytest.fixture()
def served(seed_engine: QA, seed_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The real app with a login, on a free loopback port; a short first wait keeps the test quick."""
    from qa.ui import launch

    monkeypatch.setattr(login, "FIRST_WAIT", 1.0)
    port = free_port()
    app = launch(seed_engine, seed_settings.with_(port=port), auth=f"{USER}:{PASSWORD}", block=False)
    try:
        yield port
    finally:
        app.close()


@pytest.mark.slow
def test_the_user_name_is_compared_exactly(served: int) -> None:
    for near in (f"{USER} ", f" {USER}", USER.upper()):
        status, body, _ = post_login(served, near, PASSWORD)
        assert status == 400 and body["detail"] == "Incorrect credentials.", near
    status, body, headers = post_login(served, USER, PASSWORD)
    assert status == 200 and body == {"success": True}
    assert any("access-token" in v for k, v in headers.items() if k.lower() == "set-cookie")


@pytest.mark.slow
def test_repeated_failures_lock_the_client_out_and_are_logged(served: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="qa.login")
    for _ in range(login.FREE_FAILURES + 1):
        assert post_login(served, USER, "wrong", multipart=True)[0] == 400
    status, body, headers = post_login(served, USER, PASSWORD)  # right, but while locked out: not even checked
    assert status == 429 and "Too many failed logins" in body["detail"] and int(headers["retry-after"]) >= 1
    assert post_login(served, USER, PASSWORD, source="127.0.0.2")[0] == 200  # another client is not locked out
    assert sum("failed login" in r.getMessage() for r in caplog.records) == login.FREE_FAILURES + 1
    assert any("too many failures" in r.getMessage() for r in caplog.records)
    time.sleep(login.FIRST_WAIT + 0.5)  # the wait runs out …
    assert post_login(served, USER, PASSWORD, multipart=True)[0] == 200  # … and the right password works again


def test_the_wait_doubles_with_each_failure_past_the_free_ones() -> None:
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    waits = []
    for _ in range(login.FREE_FAILURES + 10):
        throttle.failed("10.1.2.3")
        waits.append(throttle.wait("10.1.2.3"))
    assert waits[: login.FREE_FAILURES] == [0.0] * login.FREE_FAILURES
    past = waits[login.FREE_FAILURES:]
    assert past[0] == login.FIRST_WAIT and past[1] == 2 * login.FIRST_WAIT and max(past) == login.MAX_WAIT
    assert throttle.wait("10.9.9.9") == 0.0
    now[0] += login.MAX_WAIT
    assert throttle.wait("10.1.2.3") == 0.0
    throttle.succeeded("10.1.2.3")
    throttle.failed("10.1.2.3")
    assert throttle.wait("10.1.2.3") == 0.0  # a success starts the count afresh


def test_credentials_match_exactly() -> None:
    assert credentials_match("u", "p:w", ("u", "p:w"))
    for user, password in [("u ", "p:w"), ("U", "p:w"), ("u", "p:w "), ("", ""), ("u\ud800", "p:w")]:
        assert not credentials_match(user, password, ("u", "p:w"))
