"""The clinicians' queue cards as HTML, formatted in Python (issue 12).

Fifty cards a page through a 20-tag template cost more than everything else on the page, so each
card's `<li>` is one f-string over a `QueueCard` tuple, every value escaped, with one clock
reading per page. The markup is what `templates/articles/ask_doctor/queue.html` documents.
"""

import functools
from datetime import datetime, timedelta
from html import escape

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ..models import QuestionStatus
from ..models.ask_doctor import ANSWERED_STATUSES, LONG_WAIT, OPEN_STATUSES

_STATUS_LABELS = dict(QuestionStatus.choices)
# How a card names each crisis kind, after "Urgent · " (kinds: text.screening.CRISIS_KINDS).
CRISIS_LABELS = {
    "suicide": "suicide risk",
    "self_harm": "self-harm",
    "overdose": "overdose",
    "medical_emergency": "medical emergency",
    "abuse": "abuse or violence",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def render_cards(cards, *, now: datetime | None = None) -> SafeString:
    """The `<li>` of every card, as one safe string."""
    now = now or timezone.now()
    return mark_safe("".join(card_html(card, now=now) for card in cards))  # noqa: S308 (escaped)


def card_html(card, *, now: datetime) -> str:
    """One card: item, when asked, status and marks, the opening words, the wait, the holder."""
    waiting = card.status in OPEN_STATUSES
    long_wait = waiting and now - card.asked_at > LONG_WAIT
    classes = "card" + (" queue-urgent" if card.urgent else "")
    classes += " queue-long-wait" if long_wait else ""
    badges = f'<span class="badge status-{escape(card.status)}">{escape(status_label(card))}</span>'
    if card.urgent:
        kind = CRISIS_LABELS.get(card.crisis_kind)
        badges += f' <span class="badge badge-danger">Urgent{f" · {kind}" if kind else ""}</span>'
    if card.follow_up_pending:
        badges += ' <span class="badge badge-warn">Follow-up waiting</span>'
    if card.is_private:
        badges += ' <span class="badge">Private</span>'
    if card.status in ANSWERED_STATUSES:
        when = f"Answered {age(now - card.answered_at)} ago" if card.answered_at else "Answered"
    elif long_wait:
        when = f'<span class="wait-long">Waiting {age(now - card.asked_at)} (over 48 hours)</span>'
    else:
        when = f"<span>Waiting {age(now - card.asked_at)}</span>"
    held = f" · held by {escape(holder(card))}" if card.claimed_by_id else ""
    excerpt = f'<p class="queue-excerpt">{escape(card.excerpt)}</p>' if card.excerpt else ""
    return (
        f'<li class="{classes}"><p class="eyebrow">{about_html(card)}</p>'
        f'<p><a href="{escape(question_url(card.public_id))}">Question asked '
        f"{day_and_time(card.asked_at)}</a> {badges}</p>{excerpt}"
        f'<p class="muted">{when}{held}</p></li>'
    )


def status_label(card) -> str:
    """From the clinician's side: a question they hold waits for them."""
    if card.status == QuestionStatus.CLAIMED and card.claimed_by_id == card.viewer_id:
        return "Waiting for you"
    return _STATUS_LABELS.get(card.status, card.status)


def holder(card) -> str:
    if card.claimed_by_id == card.viewer_id:
        return "you"
    if card.holder_name:
        return f"{card.holder_name}, {card.holder_credentials}"
    return card.holder_handle or ""


def about_html(card) -> str:
    """What the question is about: its item, or "General question" (no item)."""
    if card.article_number is None:
        return "General question"
    return f"#{card.article_number} · {escape(card.article_title)}"


def age(delta: timedelta) -> str:
    """ "3 days", "5 hours", "12 minutes": the largest unit, as the queue shows a wait."""
    minutes = max(0, int(delta.total_seconds() // 60))
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size or size == 1:
            count = minutes // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return ""


def day_and_time(moment: datetime) -> str:
    """ "3 Dec, 14:05" in the site's time zone: what `date_format(..., "j M, H:i")` writes in
    English, at a tenth of its cost (the site is in English; fifty cards a page)."""
    local = timezone.localtime(moment)
    return f"{local.day} {_MONTHS[local.month - 1]}, {local.hour:02d}:{local.minute:02d}"


@functools.cache
def _question_url_parts(script_prefix: str) -> tuple[str, str]:
    sentinel = "q" * 16
    url = reverse("articles:ask-doctor-question", kwargs={"public_id": sentinel})
    before, after = url.split(sentinel)
    return before, after


def question_url(public_id: str) -> str:
    """The question page's address, without a `reverse` per card."""
    before, after = _question_url_parts(get_script_prefix())
    return f"{before}{public_id}{after}"
