"""Every kind of notification, what it is called, and what each member gets by default.

Email frequencies are per kind: a member may want replies at once and new items once a week.
A kind whose default is "off" in the list is opt-in (the clinicians' new-question alert).
"""

from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    REPLY_TO_POST = "reply_to_post", "Replies to my posts"
    THREAD_REPLY = "thread_reply", "Replies in threads I follow"
    MENTION = "mention", "Mentions of my handle"
    QUESTION_ANSWERED = "question_answered", "A clinician answered my question"
    QUESTION_NEEDS_INFO = "question_needs_info", "A clinician needs more information"
    QUESTION_DECLINED = "question_declined", "A clinician declined my question"
    POST_APPROVED = "post_approved", "My post was approved"
    POST_HELD = "post_held", "My post is held for review"
    POST_HIDDEN = "post_hidden", "My post was hidden"
    FOLLOWED_ITEM = "followed_item", "New items in topics and sections I follow"
    QUEUE_QUESTION = "queue_question", "New questions in the clinicians' queue"
    REPORT_RESOLVED = "report_resolved", "A report I made was resolved"
    WARNING = "warning", "Warnings from moderators"
    APPEAL_DECIDED = "appeal_decided", "Decisions on my appeals"
    CRISIS_HOLD = "crisis_hold", "Posts held for crisis review"
    ITEM_CORRECTED = "item_corrected", "Corrections to items I follow or asked about"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    NEVER = "never", "Never"


@dataclass(frozen=True)
class KindDefaults:
    in_app: bool
    email: str
    # Who sees the kind on the preferences page: "everyone", "clinicians" or "moderators".
    audience: str = "everyone"


DEFAULTS: dict[str, KindDefaults] = {
    Kind.REPLY_TO_POST: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.THREAD_REPLY: KindDefaults(True, Frequency.WEEKLY),
    Kind.MENTION: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.QUESTION_ANSWERED: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.QUESTION_NEEDS_INFO: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.QUESTION_DECLINED: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.POST_APPROVED: KindDefaults(True, Frequency.NEVER),
    Kind.POST_HELD: KindDefaults(True, Frequency.NEVER),
    Kind.POST_HIDDEN: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.FOLLOWED_ITEM: KindDefaults(True, Frequency.WEEKLY),
    Kind.QUEUE_QUESTION: KindDefaults(False, Frequency.NEVER, audience="clinicians"),
    Kind.REPORT_RESOLVED: KindDefaults(True, Frequency.NEVER),
    Kind.WARNING: KindDefaults(True, Frequency.IMMEDIATELY),
    Kind.APPEAL_DECIDED: KindDefaults(True, Frequency.IMMEDIATELY),
    # Moderators hear of a crisis hold in the app at once, by email only if they opt in.
    Kind.CRISIS_HOLD: KindDefaults(True, Frequency.NEVER, audience="moderators"),
    # A correction may change what a reader does about their health: email it at once.
    Kind.ITEM_CORRECTED: KindDefaults(True, Frequency.IMMEDIATELY),
}
assert set(DEFAULTS) == set(Kind.values), "every kind needs its defaults"
