"""Ask the doctor: a patient asks how an item applies to them; verified clinicians answer.

One module per concern: `permissions` (who may do what), `queue` (the status changes and the
verbs), `faq` (from answer to the item's FAQ, with consent), `integration` (account export and
deletion, the item-page block), `tasks` (emails), and the web layer (`views`, `forms`, `urls`,
`admin`). The models live in `articles/models/ask_doctor.py`. Dependencies point one way:
views → faq → queue → permissions → models; tasks listen to the signals queue and faq send.
"""

# The verbs, importable from the package itself: callers outside it (scripts, the benchmark's
# seed) need not know which module holds the patient's side and which the clinician's.
from .asking import (  # noqa: E402
    add_follow_up,
    ask_question,
    close_question,
    reply_with_info,
    withdraw_question,
)
from .queue import (  # noqa: E402
    QueueError,
    answer_question,
    claim_question,
    decline_question,
    edit_answer,
    release_question,
    reply_to_follow_up,
    request_info,
)

__all__ = [
    "QueueError",
    "add_follow_up",
    "answer_question",
    "ask_question",
    "claim_question",
    "close_question",
    "decline_question",
    "edit_answer",
    "release_question",
    "reply_to_follow_up",
    "reply_with_info",
    "request_info",
    "withdraw_question",
]
