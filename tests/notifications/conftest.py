import pytest

from tests.notifications.relays import RelayState

OUTBOX_MAILERS = {
    "default": {"BACKEND": "notifications.outbox.OutboxBackend"},
    "relay": {"BACKEND": "tests.notifications.relays.SwitchableRelay"},
}


@pytest.fixture(autouse=True)
def sent_mail(settings, mailoutbox):
    """Put the outbox back in front of the relay (Django's test runner swaps every mailer for
    locmem). `mailoutbox` then holds what the relay accepted, i.e. what was really sent."""
    settings.MAILERS = OUTBOX_MAILERS
    RelayState.down = False
    RelayState.attempts = 0
    yield mailoutbox
    RelayState.down = False


@pytest.fixture
def relay():
    return RelayState
