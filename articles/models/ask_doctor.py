"""Ask-the-doctor models (issue 5): questions, answers, messages, access log.

Status changes happen only in `articles/ask_doctor/queue.py`, along `TRANSITIONS`; nothing else
writes `DoctorQuestion.status`.
"""

import math
import re
import secrets
from collections import namedtuple
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.functions import CumeDist
from django.db.models.query import ValuesListIterable
from django.urls import reverse
from django.utils import timezone

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
    "matching": "matching",  # annotated: how many questions the view shows in all
}


class QueueCard(namedtuple("QueueCard", list(QUEUE_CARD_FIELDS))):  # noqa: PYI024
    """One question on the clinicians' queue, with the figures its card shows (formatted by
    `articles/ask_doctor/cards.py`)."""

    __slots__ = ()

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE


class QueueCardIterable(ValuesListIterable):
    def __iter__(self):
        return map(QueueCard._make, super().__iter__())


class QueuePage(NamedTuple):
    """What the queue page renders, from its one read: one page of cards, the page's number
    (a page past the end shows the last), how many questions match, and the items that have
    questions (the item filter's choices)."""

    cards: list
    number: int
    count: int
    items: list[tuple[int, str]]


class DoctorQuestionQuerySet(models.QuerySet):
    def for_queue_page(
        self,
        *,
        view: str,
        clinician,
        article_number: int | None = None,
        about: str = "",
        page: int = 1,
        per_page: int = 50,
    ) -> QueuePage:
        """The queue page, in two queries whatever the number of questions: the item filter's
        choices, and the page's cards with the number of matching questions on each row (an
        uncorrelated COUNT subquery the database runs once), so nothing counts again.

        The cards select only what they show, as tuples (`QueueCard`), and walk the
        `ask_doctor_queue_idx` index in the page's order, so the database reads the page's
        rows and no others. `about`: "general" (no item), "items", or "" for both."""
        where = _queue_filter(
            view=view, clinician=clinician, article_number=article_number, about=about
        )
        matching = self.filter(where).order_by().annotate(n=models.Func("pk", function="COUNT"))
        ordering = ("-answered_at", "-pk") if view == "answered" else ("-urgent", "asked_at", "pk")
        cards = (
            self.filter(where)
            .order_by(*ordering)
            .annotate(
                viewer_id=models.Value(clinician.pk, output_field=models.BigIntegerField()),
                matching=models.Subquery(matching.values("n")),
            )
            .values_list(*_card_columns(view))
        )
        cards._iterable_class = QueueCardIterable
        number = max(1, page)
        shown = list(cards[(number - 1) * per_page : number * per_page])
        if not shown and number > 1:  # past the end (an old link): the last page, as Django's
            number = max(1, math.ceil(self.filter(where).count() / per_page))  # paginator does
            shown = list(cards[(number - 1) * per_page : number * per_page])
        count = shown[0].matching if shown else 0
        return QueuePage(cards=shown, number=number, count=count, items=_items_with_questions())

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


_HOLDER_FIELDS = ("holder_handle", "holder_name", "holder_credentials")


def _card_columns(view: str) -> list:
    """What the cards select. Nobody holds a waiting question (a constraint says so), so the
    waiting view, the one clinicians open most, selects no holder and joins no users."""
    if view != "waiting":
        return list(QUEUE_CARD_FIELDS.values())
    nobody = models.Value(None, output_field=models.CharField())
    return [nobody if name in _HOLDER_FIELDS else f for name, f in QUEUE_CARD_FIELDS.items()]


QUEUE_ITEMS_KEY = "ask-doctor:queue-items"
QUEUE_ITEMS_SECONDS = 300  # an item's new title shows in the filter within five minutes


def _items_with_questions() -> list[tuple[int, str]]:
    """(number, title) of the items that have questions, for the item filter: read from the
    cache (a new question forgets it, `forget_queue_items`), else one probe of the question
    table's item index per item, never a scan of the questions."""
    items = cache.get(QUEUE_ITEMS_KEY)
    if items is None:
        articles = DoctorQuestion._meta.get_field("article").related_model.objects
        asked = DoctorQuestion.objects.filter(article=models.OuterRef("pk"))
        asked_about = articles.filter(models.Exists(asked)).order_by("number")
        items = list(asked_about.values_list("number", "title"))
        cache.set(QUEUE_ITEMS_KEY, items, QUEUE_ITEMS_SECONDS)
    return items


def forget_queue_items() -> None:
    cache.delete(QUEUE_ITEMS_KEY)


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
        where = models.Q(status=QuestionStatus.SUBMITTED)
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
            # The queue's order (urgent first, then oldest): a page is a walk along it.
            models.Index(
                fields=["status", "-urgent", "asked_at", "id"], name="ask_doctor_queue_idx"
            ),
            # Answered, newest first; and the expected wait's last 200 answers.
            models.Index(fields=["answered_at"], name="ask_doctor_answered_idx"),
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
