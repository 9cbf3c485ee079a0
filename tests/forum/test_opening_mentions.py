"""@mentions in a new thread's opening post are announced as a reply's are: when it is public
(a held one when a moderator approves it), to those mentioned who may read the thread."""

import pytest

from forum import moderation
from forum.models import Post, segment
from forum.notifying import announce_opening_post
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_clinician, make_moderator, make_user
from tests.forum.conftest import make_category, make_thread

pytestmark = pytest.mark.django_db

CRISIS = "I want to kill myself tonight. @night_owl you said you understood."


def mentioned():
    return sorted(
        Notification.objects.filter(kind=Kind.MENTION).values_list("recipient__handle", flat=True)
    )


def test_a_new_threads_opening_post_tells_those_it_mentions_once():
    make_user(handle="night_owl")
    starter = make_user(handle="starter")
    thread = make_thread(author=starter, title="Sleep", body="@night_owl and @starter, ideas?")
    assert mentioned() == ["night_owl"]  # not the writer
    note = Notification.objects.get(kind=Kind.MENTION)
    assert note.title == "starter mentioned you in “Sleep”"
    opening = Post.objects.get(thread=thread, path=segment(0))
    assert note.url == opening.get_absolute_url()
    announce_opening_post.call(opening.pk)  # the task again (a retry): nobody hears twice
    assert mentioned() == ["night_owl"]


def test_nobody_who_cannot_read_the_room_hears_of_it():
    make_user(handle="outsider")
    make_clinician(handle="dr_day")
    lounge = make_category(clinicians_only=True)
    make_thread(category=lounge, author=make_clinician(), body="cc @outsider @dr_day")
    assert mentioned() == ["dr_day"]


def test_a_held_opening_post_announces_its_mentions_only_when_approved():
    make_user(handle="night_owl")
    thread = make_thread(body=CRISIS)
    opening = Post.objects.get(thread=thread, path=segment(0))
    assert opening.is_held and mentioned() == []
    moderation.approve_post(moderator=make_moderator(), post=opening)
    assert mentioned() == ["night_owl"]
