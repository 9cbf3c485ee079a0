"""Ask-the-doctor models (issue 5): questions, answers, messages, access log.

Status changes happen only in `articles/ask_doctor/queue.py`, along `TRANSITIONS`; nothing else
writes `DoctorQuestion.status`.
"""

import functools
import math
import re
import secrets
from collections import namedtuple
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models.functions import CumeDist
from django.db.models.query import ValuesListIterable
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from text.stored import KeepsHtmlRendered

__all__ = [
    "AgeRange",
    "CarePointer",
    "DoctorAnswer",
    "DoctorAnswerRevision",
    "DoctorQuestion",
    "DoctorQuestionQuerySet",
    "FaqState",
    "MessageKind",
    "QuestionAccessLog",
    "QuestionMessage",
    "QuestionStatus",
    "QueuePage",
    "Visibility",
]

QUESTION_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 20000
MESSAGE_MAX_LENGTH = 5000
LONG_WAIT = timedelta(hours=48)
EXCERPT_LENGTH = 160


class QuestionStatus(models.TextChoices):
    """Labels as clinicians and staff read them; the asker reads ASKER_LABELS instead."""

    SUBMITTED = "submitted", "Waiting for a clinician"
    CLAIMED = "claimed", "A clinician is answering"
    NEEDS_INFO = "needs_info", "Waiting for the patient"
    ANSWERED = "answered", "Answered"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# What the asker reads: each status names who is waited on, from their side.
ASKER_LABELS = {
    QuestionStatus.SUBMITTED: "Waiting for a clinician",
    QuestionStatus.CLAIMED: "A clinician is answering",
    QuestionStatus.NEEDS_INFO: "Waiting for you",
}

# Questions that still need a clinician (or the asker) to act.
OPEN_STATUSES = (QuestionStatus.SUBMITTED, QuestionStatus.CLAIMED, QuestionStatus.NEEDS_INFO)
# Questions that carry an answer a reader may see.
ANSWERED_STATUSES = (QuestionStatus.ANSWERED, QuestionStatus.CLOSED)


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private: only me and clinicians"
    PUBLISHABLE = "publishable", "May be published: the answer may be shown on the item"


class AgeRange(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_29 = "18_29", "18–29"
    AGE_30_44 = "30_44", "30–44"
    AGE_45_64 = "45_64", "45–64"
    AGE_65_UP = "65_up", "65 or older"


class CarePointer(models.TextChoices):
    OWN_CLINICIAN = "own_clinician", "Please talk to your own doctor or nurse practitioner"
    PHARMACIST = "pharmacist", "A pharmacist can help with this medicine question"
    SPECIALIST = "specialist", "This needs a specialist who can examine you"
    URGENT_CARE = "urgent_care", "Please seek urgent care today"
    EMERGENCY = "emergency", "Call your local emergency number or go to an emergency department"
    CRISIS_LINE = "crisis_line", "Please contact a crisis line now (988 in the US and Canada)"


class FaqState(models.TextChoices):
    NONE = "", "Not proposed"
    PENDING = "pending", "Waiting for the asker's consent"
    PUBLISHED = "published", "In the item's FAQ"
    REFUSED = "refused", "The asker said no"


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_BLOCKS = re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+|<[^>]*>")
_MARKDOWN_EMPHASIS = re.compile(r"(?<!\w)[*_~]+|[*_~]+(?!\w)|`+")


def question_excerpt(body: str, *, length: int = EXCERPT_LENGTH) -> str:
    """The question's opening words as plain text: Markdown marks dropped, whitespace folded,
    cut at a word within `length` characters with "…". Stored, so the queue reads a short
    column instead of the 5,000-character body."""
    text = _MARKDOWN_LINK.sub(r"\1", body or "")
    text = _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_BLOCKS.sub(" ", text))
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] if " " in text[:length] else text[:length]
    return cut.rstrip(" ,.;:") + "…"


def new_public_id() -> str:
    """A random, unguessable id for URLs: never the sequential primary key."""
    return secrets.token_urlsafe(12)  # 16 URL-safe characters, 96 bits


# What a queue card shows, and nothing else: read as tuples, no model objects (issue 12).
QUEUE_CARD_FIELDS = {
    "pk": "pk",
    "asker_id": "asker_id",
    "public_id": "public_id",
    "status": "status",
    "urgent": "urgent",
    "crisis_kind": "crisis_kind",
    "excerpt": "excerpt",
    "follow_up_pending": "follow_up_pending",
    "visibility": "visibility",
    "asked_at": "asked_at",
    "answered_at": "answered_at",
    "claimed_by_id": "claimed_by_id",
    "article_number": "article__number",
    "article_title": "article__title",
    "holder_handle": "claimed_by__handle",
    "holder_name": "claimed_by__clinician_profile__full_name",
    "holder_credentials": "claimed_by__clinician_profile__credentials",
    "viewer_id": "viewer_id",  # annotated: the clinician looking at the queue
}
_STATUS_LABELS = dict(QuestionStatus.choices)
# How a card names each crisis kind, after "Urgent · " (kinds: text.screening.CRISIS_KINDS).
CRISIS_LABELS = {
    "suicide": "suicide risk",
    "self_harm": "self-harm",
    "overdose": "overdose",
    "medical_emergency": "medical emergency",
    "abuse": "abuse or violence",
}


def _age(delta: timedelta) -> str:
    """ "3 days", "5 hours", "12 minutes": the largest unit, as the queue shows a wait."""
    minutes = int(delta.total_seconds() // 60)
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size or size == 1:
            count = max(0, minutes // size)
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return ""


class QueueCard(namedtuple("QueueCard", list(QUEUE_CARD_FIELDS))):  # noqa: PYI024
    """One question on the clinicians' queue, with the figures its card shows."""

    __slots__ = ()
    now = staticmethod(timezone.now)

    def get_status_display(self) -> str:
        """From the clinician's side: a question they hold waits for them."""
        if self.status == QuestionStatus.CLAIMED and self.claimed_by_id == self.viewer_id:
            return "Waiting for you"
        return _STATUS_LABELS.get(self.status, self.status)

    def get_absolute_url(self) -> str:
        return _question_url(self.public_id)

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE

    @property
    def has_answer(self) -> bool:
        return self.status in ANSWERED_STATUSES

    @property
    def waited_long(self) -> bool:
        return self.status in OPEN_STATUSES and self.now() - self.asked_at > LONG_WAIT

    @property
    def waited(self) -> str:
        return _age(self.now() - self.asked_at)

    @property
    def answered_ago(self) -> str:
        return _age(self.now() - self.answered_at) if self.answered_at else ""

    @property
    def holder(self) -> str:
        if self.claimed_by_id == self.viewer_id:
            return "you"
        if self.holder_name:
            return f"{self.holder_name}, {self.holder_credentials}"
        return self.holder_handle or ""

    @property
    def about_html(self) -> str:
        """What the question is about: its item, or "General question" (no item)."""
        if self.article_number is None:
            return "General question"
        return f"#{self.article_number} · {escape(self.article_title)}"

    @property
    def html(self) -> SafeString:
        """The card's `<li>`, formatted here rather than by a 20-tag template per card."""
        e = escape
        long_wait = self.waited_long
        classes = "card" + (" queue-urgent" if self.urgent else "")
        classes += " queue-long-wait" if long_wait else ""
        status = e(self.get_status_display())
        badges = f'<span class="badge status-{e(self.status)}">{status}</span>'
        if self.urgent:
            kind = CRISIS_LABELS.get(self.crisis_kind)
            urgent = f"Urgent · {kind}" if kind else "Urgent"
            badges += f' <span class="badge badge-danger">{urgent}</span>'
        if self.follow_up_pending:
            badges += ' <span class="badge badge-warn">Follow-up waiting</span>'
        if self.is_private:
            badges += ' <span class="badge">Private</span>'
        if self.has_answer:
            when = f"Answered {self.answered_ago} ago"
        elif long_wait:
            when = f'<span class="wait-long">Waiting {self.waited} (over 48 hours)</span>'
        else:
            when = f"<span>Waiting {self.waited}</span>"
        held = f" · held by {e(self.holder)}" if self.claimed_by_id else ""
        return mark_safe(  # noqa: S308 (every value above is escaped or fixed text)
            f'<li class="{classes}"><p class="eyebrow">{self.about_html}</p>'
            f'<p><a href="{e(self.get_absolute_url())}">Question asked '
            f"{e(date_format(timezone.localtime(self.asked_at), 'j M, H:i'))}</a> "
            f'{badges}</p>{self.excerpt_html}<p class="muted">{when}{held}</p></li>'
        )

    @property
    def excerpt_html(self) -> str:
        """The opening words, so that triage needs no click (listing it is logged, as an open)."""
        if not self.excerpt:
            return ""
        return f'<p class="queue-excerpt">{escape(self.excerpt)}</p>'


@functools.cache
def _question_url_parts(script_prefix: str) -> tuple[str, str]:
    sentinel = "q" * 16
    url = reverse("articles:ask-doctor-question", kwargs={"public_id": sentinel})
    before, after = url.split(sentinel)
    return before, after


def _question_url(public_id: str) -> str:
    before, after = _question_url_parts(get_script_prefix())
    return f"{before}{public_id}{after}"


class QueueCardIterable(ValuesListIterable):
    def __iter__(self):
        return map(QueueCard._make, super().__iter__())


class QueuePage(NamedTuple):
    """What the queue page renders, from one read: the cards (lazy; the paginator slices them
    in SQL), how many match, and the items that have questions (the item filter's choices)."""

    cards: models.QuerySet
    count: int
    items: list[tuple[int, str]]


class DoctorQuestionQuerySet(models.QuerySet):
    def for_queue_page(
        self, *, view: str, clinician, article_number: int | None = None, about: str = ""
    ) -> QueuePage:
        """The queue's cards: only what they show, the same cost at 100 and 2,000 questions.
        `about`: "general" (no item), "items", or "" for both.

        One grouped query gives both the filter's item list and the number of matching
        questions (a filtered count per item), so the paginator does not count again."""
        where = _queue_filter(
            view=view, clinician=clinician, article_number=article_number, about=about
        )
        facets = (
            self.order_by()
            .values_list("article__number", "article__title")
            .annotate(matching=models.Count("pk", filter=where))
            .order_by("article__number")
        )
        items, count = [], 0
        for number, title, matching in facets:
            count += matching
            if number is not None:
                items.append((number, title))
        ordering = ("-answered_at", "-pk") if view == "answered" else ("-urgent", "asked_at", "pk")
        viewer = models.Value(clinician.pk, output_field=models.BigIntegerField())
        cards = (
            self.filter(where)
            .order_by(*ordering)
            .annotate(viewer_id=viewer)
            .values_list(*QUEUE_CARD_FIELDS.values())
        )
        cards._iterable_class = QueueCardIterable
        return QueuePage(cards=cards, count=count, items=items)

    def for_my_questions_page(self, *, asker):
        return self.filter(asker=asker).select_related("article").order_by("-asked_at", "-pk")

    def for_question_page(self, *, viewer, with_history: bool = False):
        """Everything the question page shows: the question, its answer, its messages, (for
        clinicians, `with_history`) the answer's earlier versions and, when `viewer` asked it
        and it is open, the expected wait as `expected_wait` (see `expected_wait_days`;
        computed by the database only then)."""
        messages = QuestionMessage.objects.select_related("author__clinician_profile")
        questions = self.select_related(
            "article",
            "asker",
            "claimed_by__clinician_profile",
            "answer__clinician__clinician_profile",
            "faq_item",
        ).prefetch_related(models.Prefetch("messages", queryset=messages))
        if with_history:
            questions = questions.prefetch_related("answer__revisions")
        waits = models.When(asker_id=viewer.pk, status__in=OPEN_STATUSES, then=_expected_wait())
        return questions.annotate(
            expected_wait=models.Case(waits, default=None, output_field=models.DurationField())
        )

    def expected_wait_days(self) -> int | None:
        """Days within which most (four in five) recent questions were answered; None if few."""
        return wait_in_days(_ranked_waits().values_list("wait", flat=True).first())


WAIT_SAMPLE = 200  # the most recent answers the expected wait is read from
WAIT_SHARE = 0.8  # "most": four in five of them were answered within it
WAIT_MINIMUM = 3  # fewer answered questions than this: no estimate


def _expected_wait() -> models.Subquery:
    return models.Subquery(_ranked_waits(), output_field=models.DurationField())


def _ranked_waits():
    """The wait within which four in five of the last 200 answered questions were answered, as
    one scalar subquery (a window over them: the smallest wait whose cumulative share reaches
    80 %), NULL when fewer than three were answered. Annotated on the page's read, so the
    question page asks for it in the same query as the question."""
    answered = DoctorQuestion.objects.filter(answered_at__isnull=False)
    recent = answered.order_by("-answered_at").values("pk")[:WAIT_SAMPLE]
    wait = models.ExpressionWrapper(
        models.F("answered_at") - models.F("asked_at"), output_field=models.DurationField()
    )
    ranked = (
        DoctorQuestion.objects.filter(pk__in=recent)
        .annotate(
            wait=wait,
            share=models.Window(CumeDist(), order_by=wait.asc()),
            answered_count=models.Window(models.Count("pk")),
        )
        .filter(share__gte=WAIT_SHARE, answered_count__gte=WAIT_MINIMUM)
        .order_by("wait")
        .values("wait")[:1]
    )
    return ranked


def wait_in_days(wait: timedelta | None) -> int | None:
    return None if wait is None else max(1, math.ceil(wait.total_seconds() / 86400))


def _queue_filter(*, view: str, clinician, article_number: int | None, about: str) -> models.Q:
    """Which questions a queue view shows, as one condition."""
    if view == "mine":
        where = models.Q(status__in=OPEN_STATUSES) | models.Q(follow_up_pending=True)
        where &= models.Q(claimed_by=clinician)
    elif view == "needs_info":
        where = models.Q(status=QuestionStatus.NEEDS_INFO)
    elif view == "answered":
        where = models.Q(status__in=ANSWERED_STATUSES)
    else:
        # Waiting: unclaimed questions, and an urgent follow-up even though its question has an
        # answer (an asker in crisis after the answer must not wait for one clinician alone).
        where = models.Q(status=QuestionStatus.SUBMITTED)
        where |= models.Q(urgent=True, follow_up_pending=True)
    if article_number is not None:
        where &= models.Q(article__number=article_number)
    if about == "general":
        where &= models.Q(article__isnull=True)
    elif about == "items":
        where &= models.Q(article__isnull=False)
    return where


class DoctorQuestion(KeepsHtmlRendered, models.Model):
    """A patient's question about one item, or about none (a general question), waiting in the
    ask-the-doctor queue."""

    markdown_fields = {
        "body": "body_html",
        "decline_reason": "decline_reason_html",
        "faq_answer": "faq_answer_html",
    }

    public_id = models.CharField(max_length=22, unique=True, default=new_public_id, editable=False)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
        help_text="Empty for a general question, about no particular item.",
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doctor_questions"
    )
    status = models.CharField(
        max_length=16, choices=QuestionStatus, default=QuestionStatus.SUBMITTED
    )
    visibility = models.CharField(max_length=16, choices=Visibility, default=Visibility.PRIVATE)
    show_handle = models.BooleanField(
        default=False, help_text="Show the asker's handle if the Q&A is published."
    )
    urgent = models.BooleanField(default=False, help_text="Put the question at the queue's top.")
    crisis_kind = models.CharField(
        max_length=24,
        blank=True,
        editable=False,
        help_text="What the crisis screen found when the asker wrote (suicide, overdose, ...).",
    )
    excerpt = models.CharField(
        max_length=EXCERPT_LENGTH + 1,
        blank=True,
        editable=False,
        help_text="The question's opening words, as plain text, for the clinicians' queue.",
    )
    follow_up_pending = models.BooleanField(
        default=False, editable=False, help_text="The asker's follow-up waits for a reply."
    )

    body = models.TextField(max_length=QUESTION_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    age_range = models.CharField(max_length=16, choices=AgeRange, blank=True)
    conditions = models.CharField("relevant conditions", max_length=500, blank=True)
    medicines = models.CharField("current medicines", max_length=500, blank=True)

    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_doctor_questions",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    decline_reason = models.TextField(max_length=MESSAGE_MAX_LENGTH, blank=True)
    decline_reason_html = models.TextField(editable=False, blank=True)
    decline_care = models.CharField(max_length=16, choices=CarePointer, blank=True)

    faq_state = models.CharField(max_length=16, choices=FaqState, blank=True, default="")
    faq_question = models.CharField("FAQ question", max_length=300, blank=True)
    faq_answer = models.TextField("FAQ answer", max_length=ANSWER_MAX_LENGTH, blank=True)
    faq_answer_html = models.TextField(editable=False, blank=True)
    faq_proposed_at = models.DateTimeField(null=True, blank=True)
    faq_item = models.OneToOneField(
        "articles.FAQItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_question",
    )

    objects = DoctorQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at"]
        verbose_name = "ask-the-doctor question"
        permissions = [
            ("answer_doctorquestion", "Can answer ask-the-doctor questions"),
            ("view_private_doctorquestion", "Can open private ask-the-doctor questions"),
        ]
        indexes = [
            models.Index(fields=["status", "urgent", "asked_at"], name="ask_doctor_queue_idx"),
            models.Index(fields=["asker", "asked_at"], name="ask_doctor_mine_idx"),
            models.Index(fields=["status", "claimed_at"], name="ask_doctor_claims_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=QuestionStatus.values),
                name="articles_doctorquestion_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="articles_doctorquestion_visibility_valid",
            ),
            # A question held by a clinician names that clinician; a waiting one names nobody.
            models.CheckConstraint(
                condition=(
                    ~models.Q(status__in=["claimed", "needs_info"])
                    | models.Q(claimed_by__isnull=False)
                )
                & (~models.Q(status="submitted") | models.Q(claimed_by__isnull=True)),
                name="articles_doctorquestion_claim_consistent",
            ),
            # Only a question the asker allowed to be published can reach the FAQ.
            models.CheckConstraint(
                condition=models.Q(faq_item__isnull=True) | models.Q(visibility="publishable"),
                name="articles_doctorquestion_faq_needs_consent",
            ),
            # A FAQ entry belongs to an item: a general question has none to join.
            models.CheckConstraint(
                condition=models.Q(faq_item__isnull=True) | models.Q(article__isnull=False),
                name="articles_doctorquestion_faq_needs_item",
            ),
        ]

    def __str__(self):
        # Staff read this in the admin and the access log: the item's public number, never the
        # database id, and no words of the question (it may be private).
        if self.article_id is None:
            return f"General question {self.public_id[:6]}"
        return f"Question {self.public_id[:6]} on item #{self.article.number}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.excerpt = question_excerpt(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "excerpt"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:ask-doctor-question", kwargs={"public_id": self.public_id})

    def status_label_for(self, viewer) -> str:
        """The status as `viewer` reads it: who is waited on, from their side."""
        viewer_pk = getattr(viewer, "pk", None)
        if viewer_pk is not None and self.asker_id == viewer_pk:
            return ASKER_LABELS.get(self.status, self.get_status_display())
        if self.status == QuestionStatus.CLAIMED and self.claimed_by_id == viewer_pk:
            return "Waiting for you"
        return self.get_status_display()

    @property
    def is_general(self) -> bool:
        return self.article_id is None

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_answer(self) -> bool:
        return self.status in ANSWERED_STATUSES

    @property
    def waited_long(self) -> bool:
        return self.is_open and timezone.now() - self.asked_at > LONG_WAIT


class DoctorAnswer(KeepsHtmlRendered, models.Model):
    """A clinician's answer to a question; edits keep the earlier text in revisions."""

    markdown_fields = {"body": "body_html"}

    question = models.OneToOneField(DoctorQuestion, on_delete=models.CASCADE, related_name="answer")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=ANSWER_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    answered_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["answered_at"]

    def __str__(self):
        return f"Answer to question {self.question.public_id[:6]}"


class DoctorAnswerRevision(KeepsHtmlRendered, models.Model):
    """An answer's text before one edit."""

    markdown_fields = {"body": "body_html"}

    answer = models.ForeignKey(DoctorAnswer, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=ANSWER_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"Earlier text of answer {self.answer_id}"


class MessageKind(models.TextChoices):
    INFO_REQUEST = "info_request", "The clinician asked for more information"
    INFO_REPLY = "info_reply", "More information from the asker"
    FOLLOW_UP = "follow_up", "Follow-up question"
    FOLLOW_UP_REPLY = "follow_up_reply", "Reply to the follow-up"


class QuestionMessage(KeepsHtmlRendered, models.Model):
    """One exchange around a question: a request for information, a reply, a follow-up."""

    markdown_fields = {"body": "body_html"}

    question = models.ForeignKey(DoctorQuestion, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=MessageKind)
    body = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MessageKind.values),
                name="articles_questionmessage_kind_valid",
            ),
            # One follow-up per question, and one reply to it.
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(kind="follow_up"),
                name="articles_questionmessage_one_follow_up",
            ),
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(kind="follow_up_reply"),
                name="articles_questionmessage_one_follow_up_reply",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on question {self.question.public_id[:6]}"


class QuestionAccessLog(models.Model):
    """Someone other than the asker opened a question: who, when, which. Never content."""

    question = models.ForeignKey(
        DoctorQuestion, on_delete=models.CASCADE, related_name="access_records"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewer_email = models.EmailField(help_text="Kept in case the account is later removed.")
    where = models.CharField(max_length=16, default="site")
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = "question access record"

    def __str__(self):
        return f"{self.viewer_email} opened {self.question} at {self.accessed_at:%Y-%m-%d %H:%M}"
