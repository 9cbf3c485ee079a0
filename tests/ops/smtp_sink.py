"""A tiny SMTP sink: accepts every message and writes it to a folder, one file each.

Enough of RFC 5321 for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
Run: python tests/ops/smtp_sink.py PORT FOLDER
"""

import asyncio
import sys
import uuid
from pathlib import Path


async def _session(reader, writer, folder: Path):
    def say(line: str):
        writer.write((line + "\r\n").encode())

    say("220 sink ready")
    recipients: list[str] = []
    while line := await reader.readline():
        command = line.decode(errors="replace").strip()
        verb = command[:4].upper()
        if verb in ("EHLO", "HELO"):
            say("250 sink")
        elif verb == "MAIL":
            recipients = []
            say("250 ok")
        elif verb == "RCPT":
            recipients.append(command.split(":", 1)[-1].strip())
            say("250 ok")
        elif verb == "DATA":
            say("354 end with .")
            await writer.drain()
            body = []
            while (data := await reader.readline()) not in (b".\r\n", b".\n", b""):
                body.append(data[1:] if data.startswith(b"..") else data)
            name = folder / f"{uuid.uuid4().hex}.eml"
            name.with_suffix(".tmp").write_bytes(b"".join(body))
            name.with_suffix(".tmp").rename(name)  # whole messages only
            say("250 queued")
        elif verb in ("RSET", "NOOP"):
            say("250 ok")
        elif verb == "QUIT":
            say("221 bye")
            await writer.drain()
            break
        else:
            say("502 not implemented")
        await writer.drain()
    writer.close()


async def main(port: int, folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.start_server(lambda r, w: _session(r, w, folder), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2])))
