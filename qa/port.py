"""Is the chat's port free? Asked before anything is loaded, so a busy port is one line, not a traceback."""

from __future__ import annotations

import socket

from vectorstore.errors import SettingsError


def port_free(host: str, port: int) -> None:
    """Raise SettingsError (naming --port and CITEQA_PORT) when host:port is already being served."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT leftovers are no obstacle
            sock.bind(address)
    except OSError as exc:
        raise SettingsError(
            f"cannot serve on {host}:{port} ({exc.strerror or 'address unavailable'}; another program may be "
            f"using it) — pick another port: citeqa serve --port {port + 1}, or CITEQA_PORT={port + 1}"
        ) from None
