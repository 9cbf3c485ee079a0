"""What can be reported or reviewed, found from the URL's kind and id, and what it is called.

`target_key` is the string the uniqueness rules use; `find_reportable` returns the target only
if the member may see it (a post in a clinicians' room, a private question's answer), so a
report form never confirms that something hidden exists.
"""

from django.http import Http404

from accounts.models import User
from articles.ask_doctor.permissions import can_view as can_view_question
from articles.models import DoctorAnswer
from forum.models import Post, Thread

from .models import TargetKind


def target_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def key_of(target) -> str:
    return target_key(kind_of(target), target.pk)


def kind_of(target) -> str:
    if isinstance(target, Post):
        return TargetKind.POST
    if isinstance(target, Thread):
        return TargetKind.THREAD
    if isinstance(target, DoctorAnswer):
        return TargetKind.ANSWER
    if isinstance(target, User):
        return TargetKind.MEMBER
    raise TypeError(f"cannot report {type(target).__name__}")


def author_of(target) -> User | None:
    """Whose words (or account) a target is: their history is the review's context."""
    kind = kind_of(target)
    if kind == TargetKind.POST:
        return target.author
    if kind == TargetKind.THREAD:
        return target.author  # None for an item's discussion, which the site opened
    if kind == TargetKind.ANSWER:
        return target.clinician
    return target


def thread_of(target) -> Thread | None:
    kind = kind_of(target)
    if kind == TargetKind.POST:
        return target.thread
    if kind == TargetKind.THREAD:
        return target
    return None


def fields_for(target) -> dict:
    """The Targeted fields of a row about `target`."""
    kind = kind_of(target)
    return {"target_kind": kind, "target_key": target_key(kind, target.pk), kind: target}


def _reportable_post(user, pk: int) -> Post:
    """A post whose text the member can read (readable_by: not in a room they cannot see, not
    removed, hidden or waiting for a moderator), so the form never shows words it should not."""
    post = Post.objects.readable_by(user).select_related("thread__category", "author")
    post = post.filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def _reportable_thread(user, pk: int) -> Thread:
    thread = Thread.objects.visible_to(user).select_related("category", "author")
    thread = thread.filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def _reportable_answer(user, pk: int) -> DoctorAnswer:
    answer = DoctorAnswer.objects.select_related("question", "clinician").filter(pk=pk).first()
    if answer is None or not can_view_question(user, answer.question):
        raise Http404
    return answer


def _reportable_member(user, pk: int) -> User:
    member = User.objects.filter(pk=pk, deleted_at=None, is_active=True).first()
    if member is None:
        raise Http404
    return member


_FINDERS = {
    TargetKind.POST: _reportable_post,
    TargetKind.THREAD: _reportable_thread,
    TargetKind.ANSWER: _reportable_answer,
    TargetKind.MEMBER: _reportable_member,
}


def find_reportable(user, kind: str, pk: int):
    """The target the member may see, or 404 (also for a kind that does not exist)."""
    finder = _FINDERS.get(kind)
    if finder is None:
        raise Http404
    return finder(user, pk)


def describe(target) -> str:
    """A short name for the target in titles and the log; never a private question's words."""
    kind = kind_of(target)
    if kind == TargetKind.POST:
        return f"a post by {target.author.display_handle} in “{target.thread.title}”"
    if kind == TargetKind.THREAD:
        return f"the thread “{target.title}”"
    if kind == TargetKind.ANSWER:
        who = target.clinician.display_handle if target.clinician else "a clinician"
        return f"an answer by {who} to a private question"
    return f"the member {target.display_handle}"


def url_of(target) -> str:
    kind = kind_of(target)
    if kind == TargetKind.ANSWER:
        return target.question.get_absolute_url()
    return target.get_absolute_url()
