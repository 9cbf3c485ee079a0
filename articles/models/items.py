"""Clinical-context news items and the parts they are made of."""

import calendar
import datetime
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from text.stored import KeepsHtmlRendered

from .. import caching


class InvalidatesPages:
    """Saving or deleting this row changes what item pages show: forget the cached ones.

    A part of one item forgets that item's page (`shown_on` is its item); a section or a topic
    is shown on many, and forgets them all.
    """

    def shown_on(self):
        return getattr(self, "article", None)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        caching.forget_item_page(self.shown_on())

    def delete(self, *args, **kwargs):
        article = self.shown_on()
        result = super().delete(*args, **kwargs)
        caching.forget_item_page(article)
        return result


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter: 31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Section(InvalidatesPages, models.Model):
    """A series of items with its own blurb, e.g. "Clinical Context"."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    blurb = models.TextField(blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        "review every (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long after a clinician's review an item in this section is due again.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Topic(InvalidatesPages, models.Model):
    """A subject readers follow across sections: depression, psychedelics, cannabis medicine."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


# Readers can reach these; everything else is 404 to all but editors.
PUBLIC_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)


class Population(models.TextChoices):
    HUMAN = "human", "Human"
    ANIMAL = "animal", "Animal"
    IN_VITRO = "in vitro", "In vitro (cells or tissue)"


# A scheduled item carries its publication time in `published_at` and counts as published from
# that moment on: readers never wait for a worker. `manage.py publish_scheduled` later turns it
# into a plain published item and tells the listeners (the forum makes its thread then).
LISTED_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
REACHABLE_STATUSES = (*LISTED_STATUSES, ArticleStatus.RETRACTED)


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Reachable by readers: published (or scheduled and due), or retracted (with a notice)."""
        return self.filter(status__in=REACHABLE_STATUSES, published_at__lte=timezone.now())

    def published(self):
        """Listed in indexes, feeds and the sitemap."""
        return self.filter(status__in=LISTED_STATUSES, published_at__lte=timezone.now())

    def for_list_page(self):
        """A page of item cards: the item and its section, in one query."""
        return self.published().select_related("section").order_by("-published_at", "-number")

    def for_detail_page(self):
        """Everything the item page shows, fetched up front (one query per kind of part).

        `thread` is the forum's one-to-one back to the item (related_name="thread"): named here
        as a relation, never imported, so articles still does not depend on the forum. The item
        that supersedes this one comes in the same query (its banner needs number, slug, title).
        """
        return self.select_related("section", "thread", "superseded_by").prefetch_related(
            "topics",
            "key_takeaways",
            # Entries promoted from ask-the-doctor say whose question they were.
            models.Prefetch(
                "faq_items",
                queryset=FAQItem.objects.select_related("source_question__asker"),
            ),
            "references",
            "corrections",
        )

    def for_ask_page(self):
        """A public item and the FAQ entries its "ask a clinician" block shows."""
        faq = FAQItem.objects.select_related("source_question__asker")
        return (
            self.public()
            .select_related("section")
            .prefetch_related(models.Prefetch("faq_items", queryset=faq))
        )

    def for_feed(self):
        """Feed entries: an entry's "updated" is its latest correction, whose note it shows."""
        return self.for_list_page().prefetch_related("topics", "corrections")

    def review_overdue(self, today: datetime.date | None = None):
        """Public items whose next clinician review is due before today, or never reviewed."""
        today = today or timezone.localdate()
        return self.public().filter(
            models.Q(next_review_due__lt=today) | models.Q(next_review_due__isnull=True)
        )


def own_file_path(url: str) -> str:
    """The path of `url` when it names one of this site's static or media files, else ''."""
    parts = urlsplit(url or "")
    own_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p != "/")
    if not own_prefixes or not parts.path.startswith(own_prefixes):
        return ""
    ours = parts.netloc == urlsplit(settings.SITE_URL).netloc
    if ours or parts.hostname in _LOOPBACK_HOSTS or not parts.netloc:
        return parts.path
    return ""


# A development server on any port of these is this site (the demo's image was stored with the
# address `make run` had the first time).
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Article(KeepsHtmlRendered, models.Model):
    """One clinical-context news item: a story, and a named clinician on what it means."""

    markdown_fields = {
        "summary": "summary_html",
        "commentary": "commentary_html",
        "body": ("body_html", {"headings": True}),
    }

    number = models.PositiveIntegerField(unique=True, help_text="The public item number (#50).")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    slug = models.SlugField(max_length=160)
    title = models.CharField(max_length=200)
    dek = models.CharField("standfirst", max_length=300, blank=True)

    summary = models.TextField(blank=True, help_text="Markdown: what the study or story found.")
    summary_html = models.TextField(editable=False, blank=True)
    commentary = models.TextField(
        blank=True, help_text="Markdown: the clinician on what this means in practice."
    )
    commentary_html = models.TextField(editable=False, blank=True)
    commentator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commentaries",
        help_text="The verified clinician account behind the commentary, when there is one.",
    )
    # The linked clinician confirms the commentary as theirs before publication: the digest of
    # what they confirmed (their account and the text), so any later edit needs a new confirmation.
    commentary_confirmed_digest = models.CharField(max_length=64, blank=True, editable=False)
    commentary_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    commentator_name = models.CharField(max_length=120, blank=True)
    commentator_credentials = models.CharField(max_length=120, blank=True)
    commentator_photo_url = models.URLField(max_length=500, blank=True)
    body = models.TextField(blank=True, help_text="Markdown long form, with ## sub-headings.")
    body_html = models.TextField(editable=False, blank=True)

    image_url = models.URLField(max_length=500, blank=True)
    image_alt = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=200, blank=True)

    evidence_design = models.CharField("study design", max_length=120, blank=True)
    evidence_size = models.CharField("study size", max_length=120, blank=True)
    evidence_peer_reviewed = models.BooleanField("peer reviewed", null=True, blank=True)
    evidence_population = models.CharField(
        "population", max_length=16, choices=Population, blank=True
    )

    source_publisher = models.CharField(max_length=200, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_published_at = models.DateTimeField(null=True, blank=True)

    provenance_method = models.CharField(max_length=300, blank=True)
    provenance = models.JSONField(default=dict, blank=True, help_text="Pipeline version, scores.")
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    raw_source = models.JSONField(default=dict, blank=True, editable=False)
    import_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Digest of the last imported payload: re-importing it unchanged does nothing.",
    )

    status = models.CharField(max_length=16, choices=ArticleStatus, default=ArticleStatus.DRAFT)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When a scheduled item publishes itself."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    retraction_note = models.TextField(blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text="A newer item readers should read instead; its link shows at the top.",
    )

    # A clinician re-reads the item against current evidence; readers see when and who.
    last_reviewed_on = models.DateField("last reviewed", null=True, blank=True)
    last_reviewed_by = models.CharField(
        "reviewed by",
        max_length=120,
        blank=True,
        help_text="The clinician who reviewed it, as readers should see the name.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Left empty: the last review plus the section's interval (12 months).",
    )
    # Ask-the-doctor questions answered (or answered and closed): kept by the queue with F() in
    # the same transaction as the status change, so the item page never counts per request.
    answered_question_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-number"]
        permissions = [
            ("publish_article", "Can publish, schedule and retract items"),
            ("override_quality_gate", "Can publish despite blocking quality findings"),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="article_listing_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values),
                name="articles_article_status_valid",
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:160] or "item"
        if self.last_reviewed_on and not self.next_review_due:
            self.next_review_due = self.review_due_after(self.last_reviewed_on)
        super().save(*args, **kwargs)
        caching.forget_item_page(self)
        for older in Article.objects.filter(superseded_by=self).only("number"):
            caching.forget_item_page(older)  # their banner shows this item's title and link

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"number": self.number, "slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        caching.forget_item_page(self)
        return result

    def review_due_after(self, reviewed: datetime.date) -> datetime.date:
        """The date a review on `reviewed` falls due again: the section's interval later."""
        months = self.section.review_interval_months if self.section_id else 12
        return add_months(reviewed, months)

    @property
    def review_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    @property
    def is_public(self) -> bool:
        return self.status in REACHABLE_STATUSES and bool(
            self.published_at and self.published_at <= timezone.now()
        )

    @property
    def image_src(self) -> str:
        """The image's address for this site's own pages. An image among our own static or media
        files is given by its path, so it loads from whatever address the site is served on
        (an absolute URL naming another port or host is blocked by the CSP's img-src 'self')."""
        return own_file_path(self.image_url) or self.image_url

    @property
    def image_share_url(self) -> str:
        """The image's absolute address for share cards and JSON-LD, at the site's address."""
        path = own_file_path(self.image_url)
        return settings.SITE_URL + path if path else self.image_url

    def commentary_digest(self) -> str:
        """What a clinician's confirmation covers: their account and the commentary's text."""
        text = f"{self.commentator_id}\n{self.commentary}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def commentary_confirmed(self) -> bool:
        """The linked clinician confirmed this very text (no query)."""
        return bool(
            self.commentator_id
            and self.commentary_confirmed_digest
            and self.commentary_confirmed_digest == self.commentary_digest()
        )

    @property
    def is_listed(self) -> bool:
        return self.is_public and self.status != ArticleStatus.RETRACTED

    @property
    def is_retracted(self) -> bool:
        return self.status == ArticleStatus.RETRACTED


class FAQItem(InvalidatesPages, KeepsHtmlRendered, models.Model):
    """A question readers ask about the item, with its answer."""

    markdown_fields = {"answer": "answer_html"}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faq_items")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ"

    def __str__(self):
        return self.question
