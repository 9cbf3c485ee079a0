"""Who may do what in the forum: one predicate per rule, called by views and services.

Visibility: a clinicians-only category, its threads and posts do not exist (404) for anyone but
verified clinicians and moderators (who must be able to act on what is posted there).
Held (waiting for a moderator, forum/holds.py): a held thread or post exists for its author and
moderators only; nobody replies to it or reacts to it until a moderator approves it.
Doing: members with a verified email (`can_participate`) post, reply, react, follow; authors
edit and remove their own posts; moderators (with MFA) pin, lock, move, hide, restore, approve.
"""

from accounts.permissions import can_participate, is_moderator, is_verified_clinician


def sees_clinician_areas(user) -> bool:
    return is_verified_clinician(user) or is_moderator(user)


def can_view_category(user, category) -> bool:
    return not category.clinicians_only or sees_clinician_areas(user)


def sees_held(user) -> bool:
    """Moderators read every held post: they are the ones who approve or hide it."""
    return is_moderator(user)


def _sees_if_held(user, obj) -> bool:
    return (
        obj.held_at is None or (user.pk is not None and obj.author_id == user.pk) or sees_held(user)
    )


def can_view_thread(user, thread) -> bool:
    return _sees_if_held(user, thread) and can_view_category(user, thread.category)


def can_read_post(user, post) -> bool:
    """The post's page, permalink and reply form: its thread, and if held, author or moderator."""
    return _sees_if_held(user, post) and can_view_thread(user, post.thread)


def can_start_thread(user, category) -> bool:
    return (
        can_participate(user)
        and can_view_category(user, category)
        and (category.members_can_start_threads or is_moderator(user))
    )


def can_reply(user, thread) -> bool:
    return (
        can_participate(user)
        and can_view_thread(user, thread)
        and not thread.is_locked
        and thread.held_at is None
    )


class PostRules:
    """The per-post rules for one viewer in one thread. The viewer's facts are worked out once,
    so a page of 200 posts asks them once, not 600 times; the single-post predicates below are
    these same rules."""

    def __init__(self, user, thread=None):
        self.viewer_id = user.pk
        self.participates = can_participate(user)
        self.thread = thread  # None: each post's own (only editing needs it)

    def can_edit(self, post) -> bool:
        return (
            self.participates
            and post.author_id == self.viewer_id
            and not post.is_removed
            and not post.is_hidden
            and not (self.thread or post.thread).is_locked
        )

    def can_remove(self, post) -> bool:
        """Authors may always take their own words down, even in a locked thread."""
        return self.participates and post.author_id == self.viewer_id and not post.is_removed

    def can_react(self, post) -> bool:
        return (
            self.participates
            and post.author_id != self.viewer_id
            and not post.is_removed
            and not post.is_hidden
            and not post.is_held
        )


def can_edit_post(user, post) -> bool:
    return PostRules(user).can_edit(post)


def can_remove_post(user, post) -> bool:
    return PostRules(user).can_remove(post)


def can_react(user, post) -> bool:
    return PostRules(user).can_react(post)


def can_follow(user) -> bool:
    return can_participate(user)


def can_moderate(user) -> bool:
    return is_moderator(user)


def can_see_post_history(user, post) -> bool:
    return is_moderator(user)


def can_approve_post(user, post) -> bool:
    return is_moderator(user) and post.is_held
