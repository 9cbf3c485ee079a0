"""Stand-in relays for the outbox tests: one that is down, one that can be switched."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RelayState:
    down = False
    attempts = 0


class SwitchableRelay(LocmemBackend):
    """Delivers to `mail.outbox` like locmem, unless `RelayState.down` says the relay is out."""

    def send_messages(self, messages):
        RelayState.attempts += 1
        if RelayState.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
