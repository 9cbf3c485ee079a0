"""A page of posts as HTML: each post cooked once per version, the viewer's parts added per view.

A thread page shows up to a few hundred posts, so the per-post cost is the page's cost. Each
post is split in two:

- the **cooked fragment** (author badge, date link, body or "removed"/"hidden" notice) is the
  same for every viewer. It is rendered once, stored in the cache under a key made of the post's
  id, version and a digest of everything else it shows (author handle and badge, removed and
  hidden state), and fetched for the whole page with one `get_many`. Nothing has to forget
  it: an edit, a hide or a renamed author gives a new key. Only on a miss is `body_html` read.
- the **viewer's parts** (reaction buttons or counts, Reply/Quote/Edit/Remove/Hide links, the
  "New" marker) are small strings put around it for each view, with the permission predicates
  of `permissions.py` and URLs built from one reversed pattern per kind (`_UrlPattern`).

To add a per-viewer part (a Report link, a held-post notice), add it in `_actions` or
`_assemble` with its predicate; to add something every viewer sees, add it to `cook` and to
`_state` (so the key changes when it does) and bump `FRAGMENT_VERSION`.
Reaction buttons submit one shared form per page (`REACTIONS_FORM`, holding the page's CSRF
token) through their `form` attribute, with or without JavaScript; htmx posts the same form.
"""

import functools
import hashlib
import html
from collections import namedtuple
from datetime import datetime
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe

from accounts.models import VerificationStatus

from .models import Post, ReactionKind, segment
from .permissions import PostRules, can_moderate, can_reply

FRAGMENT_VERSION = 1
FRAGMENT_SECONDS = 7 * 24 * 3600
REACTIONS_FORM = "post-reactions"
OPENING_PATH = segment(0)
VERIFIED = VerificationStatus.VERIFIED.value
_REACTIONS = [(kind, escape(label)) for kind, label in ReactionKind.choices]
# (kind, label, count attribute, viewer attribute): the attribute names built once, not per post.
_REACTION_ATTRS = [(kind, label, f"{kind}_count", f"viewer_{kind}") for kind, label in _REACTIONS]


def _escape(text) -> str:
    """What django.utils.html.escape returns, without its lazy-string wrapper (a few calls per
    post add up on a 200-post page); the page is marked safe once, in `render_tree`."""
    return html.escape(str(text))


# Everything a page needs about a post except its body, read as plain tuples: flags instead of
# timestamps where only "is it set?" shows (no datetime parsing per row), the author's handle and
# badge joined in (no failed `clinician_profile` look-ups).
_FLAGS = {
    "edited": "edited_at",
    "removed": "removed_at",
    "hidden": "hidden_at",
    "author_deleted": "author__deleted_at",
    "held": "held_at",
}
ROW_FIELDS = (
    "pk",
    "path",
    "depth",
    "child_count",
    "version",
    "created_at",
    "hidden_reason",
    "hold_reason",
    "helpful_count",
    "thanks_count",
    "support_count",
    "author_id",
    "author__handle",
    "author__clinician_profile__status",
    "author__clinician_profile__full_name",
    "author__clinician_profile__credentials",
    *_FLAGS,
)


class PostRow(
    namedtuple(  # noqa: PYI024 (a plain namedtuple: rows are made with _make, fast)
        "PostRow",
        "pk path depth child_count version created_at hidden_reason hold_reason helpful_count"
        " thanks_count support_count author_id author_handle profile_status profile_full_name"
        " profile_credentials is_edited is_removed is_hidden author_deleted is_held"
        " viewer_helpful viewer_thanks viewer_support",
    )
):
    """One post of a page, with the attributes the tree and the rules (`PostRules`) use."""

    __slots__ = ()

    @property
    def is_opening(self) -> bool:
        return self.path == OPENING_PATH

    @property
    def author_verified(self) -> bool:
        return self.profile_status == VERIFIED

    @property
    def display_handle(self) -> str:
        return "deleted user" if self.author_deleted else self.author_handle


def rows(queryset) -> list[PostRow]:
    """The page's posts (`PostQuerySet.for_page`, whose viewer_<kind> annotations say which
    reactions the viewer gave; False for a visitor)."""
    flags = {
        name: ExpressionWrapper(Q(**{f"{column}__isnull": False}), output_field=BooleanField())
        for name, column in _FLAGS.items()
    }
    mine = [f"viewer_{kind}" for kind, _ in _REACTIONS]
    given = queryset.query.annotations
    flags.update({name: Value(False) for name in mine if name not in given})
    fields = ROW_FIELDS[: -len(_FLAGS)]
    values = queryset.annotate(**flags).values_list(*fields, *_FLAGS, *mine)
    return list(map(PostRow._make, values))


class _UrlPattern:
    """A URL with one integer argument, reversed once: `url(pk)` is string formatting."""

    SENTINEL = 987654321

    def __init__(self, name: str, **kwargs):
        before, after = reverse(name, kwargs={"pk": self.SENTINEL, **kwargs}).split(
            str(self.SENTINEL)
        )
        self.before, self.after = before, after

    def __call__(self, pk: int) -> str:
        return f"{self.before}{pk}{self.after}"


# The cooked fragment ------------------------------------------------------------------------


def _state(row: PostRow, moderator: bool) -> tuple:
    """Everything `cook` shows besides the body (whose changes bump `version`)."""
    hidden_view = moderator if row.is_hidden else None  # moderators see a hidden post's text
    return (
        FRAGMENT_VERSION,
        row.created_at,
        row.is_edited,
        row.is_removed,
        row.is_hidden,
        row.hidden_reason if moderator else "",
        hidden_view,
        row.author_handle,
        row.author_deleted,
        row.author_verified,
        row.profile_full_name,
        row.profile_credentials,
    )


def fragment_key(row: PostRow, moderator: bool) -> str:
    digest = hashlib.blake2b(repr(_state(row, moderator)).encode(), digest_size=8).hexdigest()
    return f"forum:post:{row.pk}:{row.version}:{digest}"


def _date(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y, %H:%M}"


def _badge(row: PostRow, profile_url: _UrlPattern) -> str:
    if row.author_deleted:
        return '<span class="member member-deleted">deleted user</span>'
    handle = _escape(row.author_handle)
    html = f'<a class="member" href="{profile_url(row.author_handle)}">{handle}</a>'
    if row.author_verified:
        name = _escape(row.profile_full_name)
        credentials = _escape(row.profile_credentials)
        html += (
            f' <span class="badge badge-clinician" title="Verified clinician">'
            f"✓ {name}, {credentials}</span>"
        )
    return html


def cook(row: PostRow, body_html: str, *, moderator: bool, urls: "PageUrls") -> tuple[str, str]:
    """(header, body) of a post as every viewer with the same `moderator` flag sees it."""
    edited = ' <span class="muted">· edited</span>' if row.is_edited and not row.is_removed else ""
    header = (
        f'<span id="post-{row.pk}-by">{_badge(row, urls.profile)}</span>'
        f' <a class="muted post-time" href="{urls.post(row.pk)}" title="Link to this post">'
        f'<time datetime="{row.created_at.isoformat()}">{_date(row.created_at)}</time></a>'
        f"{edited}"
    )
    if row.is_removed:
        body = '<p class="muted post-gone">Removed by its author.</p>'
    elif row.is_hidden and not moderator:
        body = '<p class="muted post-gone">Hidden by a moderator.</p>'
    else:
        body = f'<div class="prose post-body">{body_html}</div>'
        if row.is_hidden:
            reason = _escape(row.hidden_reason)
            body = (
                f'<p class="notice notice-danger">Hidden from members. Reason: {reason}</p>{body}'
            )
    return header, body


def cooked_fragments(page_rows: list[PostRow], *, moderator: bool, urls) -> dict[int, tuple]:
    """Each post's (header, body): one `get_many`, and for the misses one query and one
    `set_many`."""
    keys = {row.pk: fragment_key(row, moderator) for row in page_rows}
    found = cache.get_many(keys.values())
    missing = [row for row in page_rows if keys[row.pk] not in found]
    if missing:
        bodies = dict(
            Post.objects.filter(pk__in=[row.pk for row in missing]).values_list("pk", "body_html")
        )
        fresh = {
            keys[row.pk]: cook(row, bodies[row.pk], moderator=moderator, urls=urls)
            for row in missing
        }
        cache.set_many(fresh, FRAGMENT_SECONDS)
        found.update(fresh)
    return {pk: found[key] for pk, key in keys.items()}


# The viewer's parts -------------------------------------------------------------------------


class PageUrls:
    """Every per-post URL of a page, from one `reverse` per kind (see `page_urls`)."""

    def __init__(self):
        self.post = _UrlPattern("forum:post")
        self.reply = _UrlPattern("forum:post-reply")
        self.edit = _UrlPattern("forum:post-edit")
        self.remove = _UrlPattern("forum:post-remove")
        self.hide = _UrlPattern("forum:post-hide")
        self.history = _UrlPattern("forum:post-history")
        self.continue_ = _UrlPattern("forum:continue")
        self.approve = _UrlPattern("forum:post-approve")
        self.report = _ReportUrl()
        self.react = {kind: _UrlPattern("forum:post-react", kind=kind) for kind, _ in _REACTIONS}
        self.profile = _HandleUrl()


class _ReportUrl(_UrlPattern):
    """`/moderation/report/post/<pk>/`: the moderation app serves it (a floor above, which the
    forum never imports or reverses into), so the path is the contract, under the script
    prefix. Before that app is installed the link is a plain 404, never an error."""

    def __init__(self):
        self.before, self.after = f"{get_script_prefix()}moderation/report/post/", "/"


class _HandleUrl(_UrlPattern):
    """A profile URL, quoted as `reverse` quotes it (handles may hold any letter)."""

    def __init__(self):
        before, after = reverse("accounts:profile", kwargs={"handle": "h0"}).split("h0")
        self.before, self.after = before, after

    def __call__(self, handle: str) -> str:
        return escape(f"{self.before}{quote(handle, safe=RFC3986_SUBDELIMS + '/~:@')}{self.after}")


@functools.cache
def _urls_for(script_prefix: str) -> PageUrls:
    return PageUrls()


def page_urls() -> PageUrls:
    """The URL patterns are fixed once the URLconf is loaded: reversed once per process (and
    per script prefix, which `reverse` includes)."""
    return _urls_for(get_script_prefix())


def reactions_html(row, *, can_react_now: bool, mine: set, urls: PageUrls) -> str:
    """The reaction buttons (for a member who may react) or the non-zero counts."""
    parts = [f'<div class="reactions" id="reactions-{row.pk}">']
    for kind, label, count_attr, _ in _REACTION_ATTRS:
        count = getattr(row, count_attr)
        if can_react_now:
            url = urls.react[kind](row.pk)
            pressed = "true" if kind in mine else "false"
            parts.append(
                f'<button type="submit" form="{REACTIONS_FORM}" formaction="{url}" '
                f'hx-post="{url}" class="reaction" aria-pressed="{pressed}">'
                f'{label} <span class="reaction-count">{count}</span></button>'
            )
        elif count:
            parts.append(
                f'<span class="reaction reaction-static">{label} '
                f'<span class="reaction-count">{count}</span></span>'
            )
    parts.append("</div>")
    return "".join(parts)


class Viewer:
    """What one view of a page knows about its viewer, worked out once for all its posts."""

    def __init__(self, user, thread):
        if isinstance(user, SimpleLazyObject):  # request.user: unwrap once, not per attribute
            if user._wrapped is empty:
                user._setup()
            user = user._wrapped
        self.rules = PostRules(user, thread)
        self.moderator = can_moderate(user)
        self.may_reply = can_reply(user, thread)


def _actions(row: PostRow, viewer: Viewer, urls: PageUrls, handle: str) -> str:
    links = []
    if viewer.may_reply and not row.is_removed and not row.is_held:
        reply = urls.reply(row.pk)
        links.append(f'<a href="{reply}" aria-label="Reply to {handle}">Reply</a>')
        if not row.is_hidden:
            links.append(f'<a href="{reply}?quote=1" aria-label="Quote {handle}">Quote</a>')
    if not row.is_removed and row.author_id != viewer.rules.viewer_id:
        links.append(f'<a href="{urls.report(row.pk)}" rel="nofollow">Report</a>')
    if viewer.rules.can_edit(row):
        links.append(f'<a href="{urls.edit(row.pk)}">Edit</a>')
    if viewer.rules.can_remove(row):
        links.append(f'<a href="{urls.remove(row.pk)}">Remove</a>')
    if row.is_hidden and row.author_id == viewer.rules.viewer_id:
        # Its author reads the reason and may appeal on the moderation app's page (a floor
        # above: the path is the contract, like the Report link's).
        mine = f"{get_script_prefix()}moderation/mine/"
        links.append(f'<a href="{mine}">Why it was hidden, and how to appeal</a>')
    if viewer.moderator:
        if row.is_held:
            links.append(f'<a href="{urls.approve(row.pk)}">Approve</a>')
        verb = "Restore" if row.is_hidden else "Hide"
        links.append(f'<a href="{urls.hide(row.pk)}">{verb}</a>')
        if row.version > 1:
            links.append(f'<a href="{urls.history(row.pk)}">History</a>')
    return f'<p class="post-actions">{" ".join(links)}</p>' if links else ""


# Only its author and moderators ever see a held post (PostQuerySet.for_page leaves it out for
# everyone else), so the notice speaks to the one or the other.
_HELD_NOTICE = {
    False: '<p class="notice notice-held">Waiting for a moderator: only you and the moderators '
    "can see this post for now. It will appear for everyone once a moderator has looked at it."
    "</p>",
    True: '<p class="notice notice-held">Held for review: members cannot see this post yet.</p>',
}


def _assemble(node, viewer: Viewer, fragments: dict, urls: PageUrls, out: list) -> None:
    row = node.post
    header, body = fragments[row.pk]
    classes = "post"
    if node.is_unread:
        classes += " is-unread"
    if row.is_opening:
        classes += " is-opening"
    new = ' <span class="badge badge-staff">New</span>' if node.is_unread else ""
    out.append(
        f'<li class="post-node" id="post-{row.pk}"><article class="{classes}" '
        f'aria-labelledby="post-{row.pk}-by"><header class="post-header">{header}{new}</header>'
        f"{_HELD_NOTICE[viewer.moderator] if row.is_held else ''}{body}"
    )
    if not row.is_removed and (viewer.moderator or not row.is_hidden):
        mine = {kind for kind, _, _, given in _REACTION_ATTRS if getattr(row, given)}
        out.append(
            reactions_html(row, can_react_now=viewer.rules.can_react(row), mine=mine, urls=urls)
        )
    out.append(_actions(row, viewer, urls, _escape(row.display_handle)))
    out.append("</article>")
    if node.continues:
        out.append(
            f'<p class="continue-thread"><a href="{urls.continue_(row.pk)}">'
            "Continue this thread →</a></p>"
        )
    if node.children:
        out.append('<ol class="post-children">')
        for child in node.children:
            _assemble(child, viewer, fragments, urls, out)
        out.append("</ol>")
    out.append("</li>")


def render_tree(nodes, page_rows: list[PostRow], viewer: Viewer) -> SafeString:
    """The `<li>` of every node, nested, as one safe string for the page template."""
    urls = page_urls()
    fragments = cooked_fragments(page_rows, moderator=viewer.moderator, urls=urls)
    out: list[str] = []
    for node in nodes:
        _assemble(node, viewer, fragments, urls, out)
    return mark_safe("".join(out))  # noqa: S308 (escaped above; body_html is sanitized on save)
