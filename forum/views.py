"""Forum pages. Views are glue: parse, check a predicate, call one read or one service, render.

Something the viewer may not know exists (a clinicians-only room and everything in it) is 404;
something visible but not allowed (replying to a locked thread, moderating) is 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts import ratelimits
from accounts.permissions import can_participate
from accounts.refusals import Refusal
from articles.models import Article
from text.markup import render_markdown
from text.screening.resources import crisis_resources_for

from . import moderation, posting, rendering, screening
from .forms import (
    EditForm,
    MoveForm,
    OptionalReasonForm,
    PreviewForm,
    ReasonForm,
    ReplyForm,
    ThreadForm,
)
from .holds import HELD_MESSAGE
from .mentions import mention_links
from .models import (
    Category,
    HoldReason,
    ModerationAction,
    Post,
    Reaction,
    ReactionKind,
    Thread,
)
from .permissions import (
    can_approve_post,
    can_edit_post,
    can_follow,
    can_moderate,
    can_react,
    can_read_post,
    can_remove_post,
    can_reply,
    can_see_post_history,
    can_start_thread,
    can_view_category,
    can_view_thread,
)
from .tree import PER_PAGE, READABLE_DEPTH, build_tree, page_count, place

THREADS_PER_PAGE = 30


def _page_number(request, pages: int) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not 1 <= int(raw) <= pages:
        raise Http404
    return int(raw)


def _visible_thread(request, pk) -> Thread:
    return get_object_or_404(Thread.objects.for_thread_page(viewer=request.user), pk=pk)


def _visible_post(request, pk, queryset=None) -> Post:
    if queryset is None:
        queryset = Post.objects.select_related(
            "thread__category", "thread__article", "author__clinician_profile"
        )
    post = get_object_or_404(queryset, pk=pk)
    if not can_read_post(request.user, post):
        raise Http404
    return post


def _paginate_threads(request, threads):
    paginator = Paginator(threads, THREADS_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error


def locate_url(post: Post) -> str:
    """The page that shows `post`, with the anchor that scrolls to it."""
    root_path, page = place(post)
    if root_path is None:
        url = reverse("forum:thread", kwargs={"pk": post.thread_id, "slug": post.thread.slug})
    else:
        root_pk = Post.objects.filter(thread_id=post.thread_id, path=root_path).values_list(
            "pk", flat=True
        )[0]
        url = reverse("forum:continue", kwargs={"pk": root_pk})
    query = f"?page={page}" if page > 1 else ""
    return f"{url}{query}#post-{post.pk}"


# Reading -----------------------------------------------------------------------------------


@require_safe
def forum_index(request):
    categories = Category.objects.for_index_page(viewer=request.user)
    return render(
        request,
        "forum/index.html",
        {"categories": categories, "can_participate": can_participate(request.user)},
    )


@require_safe
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if not can_view_category(request.user, category):
        raise Http404
    threads = _paginate_threads(
        request, Thread.objects.for_category_page(category, viewer=request.user)
    )
    following = (
        request.user.is_authenticated and category.follows.filter(user=request.user).exists()
    )
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "threads": threads,
            "following": following,
            "can_start": can_start_thread(request.user, category),
            "can_follow": can_follow(request.user),
        },
    )


@login_required
@require_safe
def following(request):
    threads = _paginate_threads(request, Thread.objects.for_following_page(viewer=request.user))
    return render(request, "forum/following.html", {"threads": threads})


@require_safe
def thread_detail(request, pk, slug):
    thread = _visible_thread(request, pk)
    if thread.slug != slug:
        return redirect(thread, permanent=True)
    page = _page_number(request, page_count(thread.top_count))
    posts = Post.objects.for_page(
        thread=thread,
        root=None,
        page=page,
        per_page=PER_PAGE,
        depth=READABLE_DEPTH,
        viewer=request.user,
    )
    return _render_posts(
        request,
        thread,
        posts,
        root=None,
        page=page,
        last_seen=thread.last_seen_at,
        is_following=thread.viewer_follows,
    )


@require_safe
def post_continue(request, pk):
    """ "Continue this thread": a post and the replies below it, deeper than the thread page."""
    root = _visible_post(request, pk, Post.objects.for_continue_page(viewer=request.user))
    page = _page_number(request, page_count(root.child_count))
    posts = Post.objects.for_page(
        thread=root.thread,
        root=root,
        page=page,
        per_page=PER_PAGE,
        depth=READABLE_DEPTH - 1,
        viewer=request.user,
    )
    return _render_posts(
        request,
        root.thread,
        posts,
        root=root,
        page=page,
        last_seen=root.thread_last_seen_at,
        is_following=root.thread_viewer_follows,
    )


def _render_posts(request, thread, posts, *, root, page, last_seen, is_following):
    """Render what the page's read selected; the only other statement is the visit upsert."""
    user = request.user
    page_rows = rendering.rows(posts)
    if user.is_authenticated:
        posting.mark_thread_seen(user=user, thread=thread, at=timezone.now())
    viewer = rendering.Viewer(user, thread)
    moderator = viewer.moderator
    nodes = build_tree(page_rows, root=root, last_seen=last_seen, viewer_id=user.pk)
    pages = page_count(root.child_count if root else thread.top_count)
    article = thread.article if thread.article_id and thread.article.is_public else None
    # The writer of a post held for crisis sees the resources above it, whenever they come back.
    in_crisis = any(
        row.is_held and row.hold_reason == HoldReason.CRISIS and row.author_id == user.pk
        for row in page_rows
    )
    context = {
        "thread": thread,
        "article": article,
        "root": root,
        "parent_url": _parent_url(root, thread) if root else None,
        "nodes": nodes,
        "post_tree": rendering.render_tree(nodes, page_rows, viewer),
        "reactions_form": rendering.REACTIONS_FORM,
        "page": page,
        "pages": pages,
        "page_range": range(1, pages + 1),
        "can_reply": can_reply(user, thread),
        "can_participate": can_participate(user),
        "can_moderate": moderator,
        "can_follow": can_follow(user),
        "is_following": is_following,
        "has_unread": last_seen is not None and thread.last_activity_at > last_seen,
        "form": ReplyForm(),
        "held_crisis_resources": crisis_resources_for(request) if in_crisis else None,
    }
    return render(request, "forum/thread.html", context)


def _parent_url(root: Post, thread: Thread) -> str:
    if root.parent_id is None:
        return thread.get_absolute_url()
    return reverse("forum:post", kwargs={"pk": root.parent_id})


@require_safe
def post_permalink(request, pk):
    post = _visible_post(request, pk)
    return HttpResponseRedirect(locate_url(post))


@login_required
@require_safe
def thread_unread(request, pk):
    """Jump to the first post since the member's last visit (or the thread's end if none)."""
    thread = _visible_thread(request, pk)
    last_seen = thread.last_seen_at
    posts = Post.objects.filter(thread=thread, held_at=None).exclude(author=request.user)
    if last_seen is not None:
        posts = posts.filter(created_at__gt=last_seen)
    first = posts.order_by("created_at", "pk").first()
    if first is None:
        messages.info(request, "Nothing new since your last visit.")
        return redirect(thread)
    first.thread = thread
    return HttpResponseRedirect(locate_url(first))


def article_thread(request, number):
    """An item's discussion: opened on first visit if publishing did not open it already."""
    article = get_object_or_404(Article.objects.public(), number=number)
    thread = posting.ensure_article_thread(article)
    return redirect(thread)


# Posting -----------------------------------------------------------------------------------


def _preview_post(body: str) -> Post:
    """An unsaved post with its HTML rendered exactly as saving would render it."""
    post = Post(body=body)
    post.body_html = render_markdown(body, mention_resolver=mention_links)
    return post


@login_required
def thread_new(request):
    if not can_participate(request.user):
        raise PermissionDenied("Verify your email address to post.")
    categories = Category.objects.visible_to(request.user)
    if not can_moderate(request.user):
        categories = categories.filter(members_can_start_threads=True)
    initial = {}
    wanted = categories.filter(slug=request.GET.get("category", "")).first()
    if wanted:
        initial["category"] = wanted
    form = ThreadForm(request.POST or None, categories=categories, initial=initial)
    preview = panels = None
    if request.method == "POST" and form.is_valid():
        preview, panels, identifier_kinds = _before_writing(request, form)
        if preview is None and panels is None:
            try:
                ratelimits.check("thread", request=request)
                thread = posting.start_thread(
                    author=request.user,
                    category=form.cleaned_data["category"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    submission_token=form.cleaned_data["submission_token"],
                    identifier_kinds=identifier_kinds,
                    premoderate=True,
                )
            except ratelimits.RateLimited as error:
                return ratelimits.refused_form_response(
                    request, "forum/thread_new.html", {}, form=form, error=error
                )
            except posting.PostingError as error:
                form.add_error(None, str(error))
            else:
                if thread.held_at is not None:
                    messages.info(request, HELD_MESSAGE)
                return redirect(thread)
    return render(
        request, "forum/thread_new.html", {"form": form, "preview": preview, "screening": panels}
    )


def _before_writing(request, form) -> tuple[Post | None, dict | None, list[str]]:
    """(the preview to show, the screening panels to show, the identifier kinds the writer
    chose to publish): a preview, or a post with personal details not yet confirmed, stops
    short of writing (forum/screening.py)."""
    text = screening.words(form.cleaned_data)
    if "preview" in request.POST:
        preview = _preview_post(form.cleaned_data["body"])
        return preview, screening.preview_panels(request, text), []
    panels, identifier_kinds = screening.before_publishing(request, text)
    return None, panels, identifier_kinds


def _locked_refusal(thread) -> Refusal:
    return Refusal(
        "A moderator locked this thread: it takes no new replies or edits.",
        next_step="You can still read it, and start a new thread if you have more to say.",
        link_url=thread.get_absolute_url(),
        link_text="Back to the thread",
    )


def _reply(request, thread, parent):
    if not can_view_thread(request.user, thread):
        raise Http404
    if not can_reply(request.user, thread):
        raise _locked_refusal(thread) if thread.is_locked else PermissionDenied
    if parent is not None and parent.is_removed:
        raise Refusal(
            "Its author removed this post, so it cannot be answered.",
            next_step="Reply to the thread instead.",
            link_url=thread.get_absolute_url(),
            link_text="Back to the thread",
        )
    initial = {}
    if parent is not None and request.GET.get("quote") and not parent.is_hidden:
        quoted = "\n".join(f"> {line}" for line in parent.body.splitlines())
        initial["body"] = f"> **{parent.author.display_handle}** wrote:\n>\n{quoted}\n\n"
    form = ReplyForm(request.POST or None, initial=initial)
    preview = panels = None
    context = {"thread": thread, "parent": parent}
    if request.method == "POST" and form.is_valid():
        preview, panels, identifier_kinds = _before_writing(request, form)
        if preview is None and panels is None:
            try:
                ratelimits.check("reply", request=request)
                post = posting.reply(
                    author=request.user,
                    thread=thread,
                    parent=parent,
                    body=form.cleaned_data["body"],
                    submission_token=form.cleaned_data["submission_token"],
                    identifier_kinds=identifier_kinds,
                    premoderate=True,
                )
            except ratelimits.RateLimited as error:
                return ratelimits.refused_form_response(
                    request, "forum/reply.html", context, form=form, error=error
                )
            except posting.PostingError as error:
                form.add_error(None, str(error))
            else:
                post.thread = thread
                if post.is_held:
                    messages.info(request, HELD_MESSAGE)
                return HttpResponseRedirect(locate_url(post))
    return render(
        request,
        "forum/reply.html",
        {**context, "form": form, "preview": preview, "screening": panels},
    )


@login_required
def thread_reply(request, pk):
    thread = _visible_thread(request, pk)
    return _reply(request, thread, None)


@login_required
def post_reply(request, pk):
    parent = _visible_post(request, pk)
    return _reply(request, parent.thread, parent)


@login_required
@require_POST
def preview(request):
    """htmx: the preview of a post being written (the same as the no-JavaScript preview)."""
    if not can_participate(request.user):
        raise PermissionDenied
    form = PreviewForm(request.POST)
    preview = _preview_post(form.cleaned_data["body"]) if form.is_valid() else None
    return render(request, "forum/_preview.html", {"preview": preview, "errors": form.errors})


@login_required
def post_edit(request, pk):
    post = _visible_post(request, pk)
    if not can_edit_post(request.user, post):
        if post.thread.is_locked and post.author_id == request.user.pk:
            raise _locked_refusal(post.thread)
        raise PermissionDenied("Only its author can edit a post, while it is visible.")
    form = EditForm(request.POST or None, initial={"body": post.body, "version": post.version})
    preview = panels = current = None
    if request.method == "POST" and form.is_valid():
        preview, panels, identifier_kinds = _before_writing(request, form)
        if preview is None and panels is None:
            try:
                post = posting.edit_post(
                    editor=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    expected_version=form.cleaned_data["version"],
                    identifier_kinds=identifier_kinds,
                )
            except posting.EditConflict as conflict:
                current = conflict.current
                form.add_error(None, str(conflict))
                # Their text stays in the box; saving again now replaces the current version.
                data = request.POST.copy()
                data["version"] = current.version
                form.data = data
            else:
                if post.is_held:
                    messages.info(request, HELD_MESSAGE)
                else:
                    messages.success(request, "Your changes are saved.")
                return HttpResponseRedirect(locate_url(post))
    return render(
        request,
        "forum/post_edit.html",
        {"post": post, "form": form, "preview": preview, "current": current, "screening": panels},
    )


@login_required
def post_remove(request, pk):
    post = _visible_post(request, pk)
    if not can_remove_post(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        post = posting.remove_own_post(author=request.user, post=post)
        messages.success(request, "Your post is removed. Replies to it stay in the thread.")
        return HttpResponseRedirect(locate_url(post))
    return render(request, "forum/post_remove.html", {"post": post})


@login_required
@require_POST
def post_react(request, pk, kind):
    post = _visible_post(request, pk)
    if kind not in ReactionKind.values:
        raise Http404
    if not can_react(request.user, post):
        raise PermissionDenied
    try:
        ratelimits.check("react", request=request)
    except ratelimits.RateLimited as error:
        context = {"message": error.message, "back_url": locate_url(post)}
        response = render(request, "forum/rate_limited.html", context, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    posting.toggle_reaction(user=request.user, post=post, kind=kind)
    if not request.htmx:
        return HttpResponseRedirect(locate_url(post))
    post.refresh_from_db()
    mine = set(Reaction.objects.filter(user=request.user, post=post).values_list("kind", flat=True))
    html = rendering.reactions_html(post, can_react_now=True, mine=mine, urls=rendering.page_urls())
    return HttpResponse(html)


@login_required
@require_POST
def thread_follow(request, pk):
    thread = _visible_thread(request, pk)
    if not can_follow(request.user):
        raise PermissionDenied
    follow = request.POST.get("follow") == "1"
    posting.set_thread_follow(user=request.user, thread=thread, follow=follow)
    messages.success(
        request, "You are following this thread." if follow else "You stopped following it."
    )
    return redirect(thread)


@login_required
@require_POST
def category_follow(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if not can_view_category(request.user, category):
        raise Http404
    if not can_follow(request.user):
        raise PermissionDenied
    follow = request.POST.get("follow") == "1"
    posting.set_category_follow(user=request.user, category=category, follow=follow)
    messages.success(
        request, "You are following this category." if follow else "You stopped following it."
    )
    return redirect(category)


# Moderation --------------------------------------------------------------------------------


def _moderated_thread(request, pk) -> Thread:
    thread = _visible_thread(request, pk)
    if not can_moderate(request.user):
        raise PermissionDenied
    return thread


@login_required
@require_POST
def thread_pin(request, pk):
    thread = _moderated_thread(request, pk)
    pinned = request.POST.get("pinned") == "1"
    moderation.set_pinned(moderator=request.user, thread=thread, pinned=pinned)
    messages.success(request, "Thread pinned." if pinned else "Thread unpinned.")
    return redirect(thread)


@login_required
def thread_lock(request, pk):
    thread = _moderated_thread(request, pk)
    lock = not thread.is_locked
    form = OptionalReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.set_locked(
            moderator=request.user, thread=thread, locked=lock, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Thread locked." if lock else "Thread unlocked.")
        return redirect(thread)
    action = "Lock this thread" if lock else "Unlock this thread"
    return render(
        request,
        "forum/moderate.html",
        {"thread": thread, "form": form, "action": action, "submit": action.split()[0]},
    )


@login_required
def thread_move(request, pk):
    thread = _moderated_thread(request, pk)
    categories = Category.objects.exclude(pk=thread.category_id)
    form = MoveForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.move_thread(
                moderator=request.user,
                thread=thread,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
        except moderation.ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Thread moved to {form.cleaned_data['category']}.")
            return redirect(thread)
    return render(
        request,
        "forum/moderate.html",
        {"thread": thread, "form": form, "action": "Move this thread", "submit": "Move"},
    )


@login_required
def post_hide(request, pk):
    post = _visible_post(request, pk)
    if not can_moderate(request.user):
        raise PermissionDenied
    restoring = post.is_hidden
    form = (OptionalReasonForm if restoring else ReasonForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = moderation.restore_post if restoring else moderation.hide_post
        post = service(moderator=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, "Post restored." if restoring else "Post hidden.")
        return HttpResponseRedirect(locate_url(post))
    action = "Restore this post" if restoring else "Hide this post"
    return render(
        request,
        "forum/moderate.html",
        {
            "thread": post.thread,
            "post": post,
            "form": form,
            "action": action,
            "submit": action.split()[0],
        },
    )


@login_required
def post_approve(request, pk):
    post = _visible_post(request, pk)
    if not can_moderate(request.user):
        raise PermissionDenied
    if not can_approve_post(request.user, post):
        messages.info(request, "This post is not waiting for approval.")
        return HttpResponseRedirect(locate_url(post))
    form = OptionalReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = moderation.approve_post(
            moderator=request.user, post=post, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Post approved: everyone can see it now.")
        return HttpResponseRedirect(locate_url(post))
    return render(
        request,
        "forum/moderate.html",
        {
            "thread": post.thread,
            "post": post,
            "form": form,
            "action": "Approve this post",
            "submit": "Approve",
        },
    )


@login_required
@require_safe
def post_history(request, pk):
    post = _visible_post(request, pk)
    if not can_see_post_history(request.user, post):
        raise PermissionDenied
    revisions = post.revisions.select_related("replaced_by")
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})


@login_required
@require_safe
def moderation_log(request):
    if not can_moderate(request.user):
        raise PermissionDenied
    actions = ModerationAction.objects.select_related(
        "actor", "thread", "post__author", "target_user"
    )
    page = _paginate_threads(request, actions)
    return render(request, "forum/moderation_log.html", {"actions": page})
