"""Forum models: categories, threads and threaded posts (issue 4).

Posts form a tree stored as a materialized path: every post's `path` is its parent's path plus a
fixed-width, zero-padded decimal segment (`SEGMENT` digits). Ordering by `path` gives the tree in
reading order in one query; `forum/tree.py` nests it in Python. Digits only, so every database
collation sorts them the same way.

A thread's opening post (when it has one; item threads have none) has segment 0; replies to the
thread are top-level posts numbered 1, 2, 3... from `Thread.top_count`; replies to a post are
numbered from that post's `child_count`. Both counters are bumped with F() in the reply's
transaction, so two replies can never take the same segment (a unique constraint stands behind).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from text.stored import KeepsHtmlRendered

from .mentions import mention_links

SEGMENT = 6  # digits per level: up to 999,999 replies under one post
MAX_DEPTH = 40  # deeper replies attach to the deepest allowed ancestor
TITLE_MAX = 150
BODY_MAX = 20_000
REASON_MAX = 500
ITEM_DISCUSSIONS_SLUG = "item-discussions"


def segment(number: int) -> str:
    return f"{number:0{SEGMENT}d}"


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .permissions import sees_clinician_areas

        return self if sees_clinician_areas(user) else self.filter(clinicians_only=False)

    def for_index_page(self, *, viewer):
        return self.visible_to(viewer).order_by("position", "name")


class Category(models.Model):
    """A room of the forum. A clinicians-only room does not exist for anyone else (404)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    clinicians_only = models.BooleanField(
        default=False, help_text="Only verified clinicians (and moderators) can see it."
    )
    members_can_start_threads = models.BooleanField(
        default=True, help_text="Off for rooms whose threads the site makes (item discussions)."
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})


def held_visible_to(viewer) -> models.Q:
    """Which held threads or posts the viewer may see: all of them for a moderator, their own
    for a member, none for a visitor. Not-held rows pass for everyone. One WHERE clause, no
    query (the moderator check is the one the page asks anyway, cached on the user)."""
    from .permissions import sees_held

    if sees_held(viewer):
        return models.Q()
    if viewer.is_authenticated:
        return models.Q(held_at=None) | models.Q(author=viewer.pk)
    return models.Q(held_at=None)


class HoldReason(models.TextChoices):
    """Why a post waits for a moderator before anyone else may read it (docs/safety.md)."""

    CRISIS = "crisis", "The writer or someone near them may be in danger"
    NEW_MEMBER = "new_member", "A new member's first posts"
    LINKS = "links", "Links from a member not yet approved"
    IDENTIFIERS = "identifiers", "Personal details"


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Threads the viewer may know exist: not in a clinicians-only room (unless they may see
        those), and not waiting for a moderator to approve their opening post (unless theirs or
        a moderator's to see)."""
        from .permissions import sees_clinician_areas

        threads = self.filter(held_visible_to(user))
        if sees_clinician_areas(user):
            return threads
        return threads.filter(category__clinicians_only=False)

    def with_last_seen(self, viewer):
        """Annotate `last_seen_at`: when the viewer last opened each thread (None: never)."""
        if not viewer.is_authenticated:
            return self.annotate(last_seen_at=models.Value(None, models.DateTimeField()))
        seen = ThreadVisit.objects.filter(thread=models.OuterRef("pk"), user=viewer)
        return self.annotate(last_seen_at=models.Subquery(seen.values("last_seen_at")[:1]))

    def for_list(self, *, viewer):
        return (
            self.select_related(
                "author__clinician_profile",
                "last_post__author__clinician_profile",
                "category",
                "article",
            )
            .with_last_seen(viewer)
            .order_by("-is_pinned", "-last_activity_at", "-pk")
        )

    def for_category_page(self, category, *, viewer):
        return (
            self.filter(category=category).filter(held_visible_to(viewer)).for_list(viewer=viewer)
        )

    def for_following_page(self, *, viewer):
        followed = models.Q(follows__user=viewer) | models.Q(category__follows__user=viewer)
        ids = self.visible_to(viewer).filter(followed).values("pk")
        return self.filter(pk__in=ids).for_list(viewer=viewer)

    def with_following(self, viewer):
        """Annotate `viewer_follows`: whether the viewer follows each thread."""
        if not viewer.is_authenticated:
            return self.annotate(viewer_follows=models.Value(False))
        follows = ThreadFollow.objects.filter(thread=models.OuterRef("pk"), user=viewer)
        return self.annotate(viewer_follows=models.Exists(follows))

    def for_thread_page(self, *, viewer):
        """The thread, its room and item, and the viewer's last visit and follow, in one query."""
        return (
            self.visible_to(viewer)
            .select_related("category", "article__section", "author")
            .with_last_seen(viewer)
            .with_following(viewer)
        )


class Thread(models.Model):
    """A conversation: a member's opening post and replies, or an item's discussion."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    # SET_NULL rather than PROTECT: members' conversation outlives an item that an editor
    # deletes outright (retracting is the normal path and keeps the link); PROTECT would make
    # an item impossible to delete once anyone had replied.
    article = models.OneToOneField(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thread",
    )
    title = models.CharField(max_length=TITLE_MAX)
    slug = models.SlugField(max_length=80)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_threads",
        help_text="Empty for item discussions, which the site opens.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    top_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Top-level reply segments handed out."
    )
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    clinician_replied = models.BooleanField(default=False, editable=False)
    # Set while the opening post waits for a moderator (forum/holds.py): the thread does not
    # exist for anyone but its author and moderators, in lists, counts, feeds and search.
    held_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        permissions = [("moderate_thread", "Can pin, lock and move threads and hide posts")]
        indexes = [
            models.Index(
                fields=["category", "-is_pinned", "-last_activity_at"], name="forum_thread_list_idx"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    def has_unread(self) -> bool:
        """Needs `with_last_seen`: a thread never opened counts as unread."""
        seen = getattr(self, "last_seen_at", None)
        return seen is None or self.last_activity_at > seen


class PostQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """Posts whose text the viewer can read on the thread page: in a thread they may see,
        neither removed by the author nor hidden by a moderator (those show a placeholder).
        Search relies on this: a post state that keeps text from readers belongs here. A held
        post is readable by its author and moderators only (`held_visible_to`)."""
        return self.filter(
            held_visible_to(viewer),
            thread__in=Thread.objects.visible_to(viewer),
            removed_at=None,
            hidden_at=None,
        )

    def in_window(self, *, thread, root, page: int, per_page: int, depth: int):
        """One page of a (sub)tree, in reading order, as one query.

        `root` is None for the thread page (the opening post plus top-level replies) or the post
        a "continue this thread" page starts from. Page `n` holds the root's children numbered
        (n-1)*per_page+1 ... n*per_page, each with its replies down to `depth` levels.
        """
        prefix = root.path if root else ""
        low = prefix + segment((page - 1) * per_page + 1)
        high = prefix + segment(page * per_page + 1)
        max_depth = (root.depth if root else 0) + depth
        window = models.Q(path__gte=low, path__lt=high, depth__lte=max_depth)
        if root is not None:
            window |= models.Q(pk=root.pk)
        elif page == 1:
            window |= models.Q(path=segment(0))
        return (
            self.filter(window, thread=thread)
            .select_related("author__clinician_profile")
            .order_by("path")
        )

    def with_viewer_reactions(self, viewer):
        """Annotate `viewer_<kind>` for each reaction kind: whether the viewer gave it."""
        if not viewer.is_authenticated:
            return self
        return self.annotate(
            **{
                f"viewer_{kind}": models.Exists(
                    Reaction.objects.filter(post=models.OuterRef("pk"), user=viewer, kind=kind)
                )
                for kind in ReactionKind.values
            }
        )

    def for_page(self, *, thread, root, page: int, per_page: int, depth: int, viewer):
        """Everything a thread or continue page shows of its posts, the viewer's reactions
        included, in one query."""
        window = self.in_window(thread=thread, root=root, page=page, per_page=per_page, depth=depth)
        return window.filter(held_visible_to(viewer)).with_viewer_reactions(viewer)

    def for_continue_page(self, *, viewer):
        """The post a "continue this thread" page starts from, with its thread, room and item,
        and the viewer's last visit to and follow of the thread, in one query."""
        seen = ThreadVisit.objects.filter(thread=models.OuterRef("thread_id"), user=viewer.pk)
        follows = ThreadFollow.objects.filter(thread=models.OuterRef("thread_id"), user=viewer.pk)
        posts = self.select_related(
            "thread__category", "thread__article", "author__clinician_profile"
        )
        if not viewer.is_authenticated:
            return posts.annotate(
                thread_last_seen_at=models.Value(None, models.DateTimeField()),
                thread_viewer_follows=models.Value(False),
            )
        return posts.annotate(
            thread_last_seen_at=models.Subquery(seen.values("last_seen_at")[:1]),
            thread_viewer_follows=models.Exists(follows),
        )


class Post(KeepsHtmlRendered, models.Model):
    """One message in a thread, in reply to the thread or to another post."""

    # @handles of members become links to their profiles in the stored HTML (forum/mentions.py).
    markdown_fields = {"body": ("body_html", {"mention_resolver": mention_links})}

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    path = models.CharField(max_length=SEGMENT * MAX_DEPTH, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    child_count = models.PositiveIntegerField(default=0, editable=False)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Removed by its author."
    )
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    hidden_reason = models.CharField(max_length=REASON_MAX, blank=True, editable=False)
    # Waiting for a moderator (forum/holds.py): readable by its author and moderators only, not
    # counted, announced or listed until `moderation.approve_post`.
    held_at = models.DateTimeField(null=True, blank=True, editable=False)
    hold_reason = models.CharField(max_length=16, choices=HoldReason, blank=True, editable=False)
    crisis_kind = models.CharField(max_length=24, blank=True, editable=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    thanks_count = models.PositiveIntegerField(default=0, editable=False)
    support_count = models.PositiveIntegerField(default=0, editable=False)
    # One per form shown: a double-clicked "Post" sends the same token twice.
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "path"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "path"], name="forum_post_unique_path"),
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="forum_post_one_per_submission"
            ),
            models.CheckConstraint(
                condition=models.Q(depth__gte=1), name="forum_post_depth_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["author", "created_at"], name="forum_post_author_idx"),
            # The review queue reads the few held posts, oldest first.
            models.Index(
                fields=["held_at"],
                name="forum_post_held_idx",
                condition=models.Q(held_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Post {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def is_opening(self) -> bool:
        return self.path == segment(0)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    def ancestor_path(self, depth: int) -> str:
        return self.path[: depth * SEGMENT]

    def segment_at(self, depth: int) -> int:
        """The number of this post's ancestor (or itself) at `depth` among its siblings."""
        return int(self.path[(depth - 1) * SEGMENT : depth * SEGMENT])


class PostRevision(models.Model):
    """A post's text as it was before an edit or removal. Moderators can read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["post", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["post", "version"], name="forum_revision_unique")
        ]

    def __str__(self):
        return f"Post {self.post_id} v{self.version}"


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", "Helpful"
    THANKS = "thanks", "Thank you"
    SUPPORT = "support", "Support"


REACTION_COUNTERS = {
    ReactionKind.HELPFUL: "helpful_count",
    ReactionKind.THANKS: "thanks_count",
    ReactionKind.SUPPORT: "support_count",
}


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReactionKind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReactionKind.values), name="forum_reaction_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["user", "post"], name="forum_reaction_user_idx")]

    def __str__(self):
        return f"{self.kind} on post {self.post_id}"


class ThreadFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_threadfollow_once")
        ]

    def __str__(self):
        return f"{self.user_id} follows thread {self.thread_id}"


class CategoryFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="forum_categoryfollow_once")
        ]

    def __str__(self):
        return f"{self.user_id} follows category {self.category_id}"


class ThreadVisit(models.Model):
    """When a member last opened a thread: what makes later posts "new" for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_threadvisit_once")
        ]

    def __str__(self):
        return f"{self.user_id} saw thread {self.thread_id}"


class ModerationActionKind(models.TextChoices):
    PIN = "pin", "Pinned thread"
    UNPIN = "unpin", "Unpinned thread"
    LOCK = "lock", "Locked thread"
    UNLOCK = "unlock", "Unlocked thread"
    MOVE = "move", "Moved thread"
    HIDE = "hide", "Hid post"
    RESTORE = "restore", "Restored post"
    APPROVE = "approve", "Approved post"
    EDIT = "edit", "Edited post"
    WARN = "warn", "Warned member"
    SUSPEND = "suspend", "Suspended member"
    BAN = "ban", "Banned member"
    LIFT = "lift", "Lifted sanction"
    REMOVE_SPAMMER = "remove_spammer", "Removed spammer"
    REPORT_RESOLVED = "report_resolved", "Resolved report"
    APPEAL_UPHELD = "appeal_upheld", "Upheld removal on appeal"
    APPEAL_OVERTURNED = "appeal_overturned", "Overturned removal on appeal"


class ModerationAction(models.Model):
    """Who did what to which thread, post or member, why, and when. Append-only.

    Targets are nullable foreign keys so one log serves threads, posts and (with the safety
    issue) members and reports; `details` keeps what a target alone cannot say (a move's from
    and to). New kinds are new choices plus a migration for the check constraint.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=32, choices=ModerationActionKind)
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member acted on: the post's author, or a member warned or suspended.",
    )
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at"], name="forum_modlog_recent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ModerationActionKind.values),
                name="forum_moderationaction_action_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_id}"
