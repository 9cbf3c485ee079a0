"""The crisis screen on what askers write: a question, a follow-up, a reply with information.

When `text.screening.screen_crisis` says the asker (or someone near them) may be in danger now,
the question is marked urgent (the top of every queue view, marked on its card) with the kind
found, and `signals.question_flagged_crisis` is sent once the transaction commits (moderation
notifies the moderators on duty). The asker is shown crisis resources by the pages; the text
itself is kept and goes to the clinicians as usual: nothing here drops, logs or forwards it.
"""

from django.db import transaction

from text.screening import screen_crisis

from ..models import DoctorQuestion
from .signals import question_flagged_crisis


def crisis_kind_in(text: str) -> str:
    """The crisis kind the text tells of now ("suicide", ...), or "" when none."""
    result = screen_crisis(text)
    return (result.kind or "suicide") if result.is_crisis else ""


def announce_crisis(question: DoctorQuestion, kind: str) -> None:
    """Tell the higher floors, after commit, that `question` was flagged (kind, no text)."""
    transaction.on_commit(
        lambda: question_flagged_crisis.send(
            sender=DoctorQuestion, question=question, crisis_kind=kind
        )
    )


def flag_if_in_crisis(*, question: DoctorQuestion, text: str) -> str:
    """Screen what the asker added to `question`; in crisis, mark it urgent and announce it.
    Returns the kind found, or "". Inside the caller's transaction."""
    kind = crisis_kind_in(text)
    if not kind:
        return ""
    # A question keeps the first kind it was flagged with; a later one only re-marks it urgent.
    question.crisis_kind = question.crisis_kind or kind
    question.urgent = True
    DoctorQuestion.objects.filter(pk=question.pk).update(
        urgent=True, crisis_kind=question.crisis_kind
    )
    announce_crisis(question, kind)
    return kind
