"""Development email you can read and click: the console mailer without MIME encoding.

Django's console backend prints the MIME message as it would go over the wire, so a body with
any non-ASCII character arrives quoted-printable: long lines are cut with "=" soft breaks and a
verification link copied from the terminal is broken. This backend prints the headers a person
reads and the body as written, links whole. It is the relay's console choice in development
(production always relays through SMTP), behind the outbox like every other mailer.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


class ReadableConsoleBackend(ConsoleBackend):
    def write_message(self, message):
        mime = message.message()
        lines = [f"{name}: {mime[name]}" for name in SHOWN_HEADERS if mime[name]]
        lines += ["", message.body.rstrip("\n")]
        for _content, mimetype in getattr(message, "alternatives", []) or []:
            lines.append(f"[also sent as {mimetype}]")
        for attachment in message.attachments:
            name = getattr(attachment, "filename", None) or (
                attachment[0] if isinstance(attachment, tuple) else "attachment"
            )
            lines.append(f"[attachment: {name}]")
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
