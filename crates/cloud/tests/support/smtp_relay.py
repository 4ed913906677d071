#!/usr/bin/env python3
"""A real SMTP relay for the cloud's tests, on aiosmtpd (Debian's python3-aiosmtpd).

STARTTLS is required before AUTH, and AUTH (one account) before mail. Every message accepted
is written whole (NNNNN.eml) with a decoded summary beside it (NNNNN.json: to, subject,
headers, the text and HTML parts) into a folder. A recipient `bounce@…` is refused for good
(550); `later@…` is deferred (451) the first time it is tried.

Usage: smtp_relay.py PORT CERT KEY FOLDER USER PASSWORD; prints "ready" once it listens and
runs until its standard input closes. With CERT "-" it takes plain SMTP without accounts (a
relay on loopback, as the benchmarks use it); with FOLDER "-" it only counts what it accepts.
"""

import email
import email.policy
import json
import os
import pathlib
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, folder, user, password = sys.argv[1:7]
deferred = set()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce@"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("later@") and address not in deferred:
            deferred.add(address)
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if folder == "-":
            return "250 Message accepted"
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        summary = {
            "to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "subject": str(message["Subject"]),
            "content_language": str(message.get("Content-Language", "")),
            "list_unsubscribe": str(message.get("List-Unsubscribe", "")),
            "list_unsubscribe_post": str(message.get("List-Unsubscribe-Post", "")),
            "multipart": message.get_content_type(),
            "text": text.get_content() if text else "",
            "html": html.get_content() if html else "",
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
        }
        n = len([p for p in os.listdir(folder) if p.endswith(".eml")])
        path = pathlib.Path(folder) / f"{n:05}"
        (path.with_suffix(".tmp")).write_text(json.dumps(summary, ensure_ascii=False))
        path.with_suffix(".eml").write_bytes(raw)
        path.with_suffix(".tmp").rename(path.with_suffix(".json"))
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == user
        and auth_data.password.decode() == password
    )
    return AuthResult(success=ok)


if cert == "-":
    controller = Controller(Handler(), hostname="127.0.0.1", port=int(port))
else:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=int(port),
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=True,
    )
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
