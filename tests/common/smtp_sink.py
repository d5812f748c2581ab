#!/usr/bin/python3
"""smtp_sink.py — a real SMTP server on loopback for the hub's e-mail tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py FOLDER
Listens on 127.0.0.1 on a free port and prints "PORT <n>" on standard output once it accepts
connections. Every message it accepts is written to FOLDER as NNNN.eml (the bytes as received, CRLF
and all) and NNNN.json (envelope sender and recipients, the headers decoded, the text body decoded,
and Python's own list of defects it found parsing the message) — Python's email package decodes, not
the code under test. A recipient whose address starts with "reject" is refused with 550, so tests can
see how a refusal is reported. Ends on SIGTERM (the C++ fixture also asks the kernel to send it when the
test process dies: tests/common/smtp_sink.hpp).
"""
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        headers = {}
        for name in message.keys():
            headers.setdefault(name.lower(), [])
        for name, value in message.items():
            headers[name.lower()].append(str(value))
        try:
            body = message.get_content()
        except Exception as error:  # a broken body is reported, not hidden
            body = None
            headers.setdefault("x-sink-error", []).append(repr(error))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": headers,
            "body": body,
            "defects": [repr(d) for d in message.defects],
        }
        self.count += 1
        stem = os.path.join(self.folder, "%04d" % self.count)
        # Written before the reply, so a message the sender was told "250" about is already here.
        with open(stem + ".eml.tmp", "wb") as out:
            out.write(raw)
        with open(stem + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(stem + ".eml.tmp", stem + ".eml")
        os.rename(stem + ".json.tmp", stem + ".json")
        return "250 Message accepted for delivery"


async def main(folder):
    loop = asyncio.get_running_loop()
    handler = Sink(folder)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.invalid", decode_data=False), host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    await stop
    server.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: smtp_sink.py FOLDER")
    asyncio.run(main(sys.argv[1]))
