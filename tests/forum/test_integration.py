"""What the forum gives the rest of the site: data export, profile counts."""

import pytest

from accounts.signals import export_sections, profile_stats
from forum import posting
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db


def test_a_members_export_holds_their_posts(member):
    thread = make_thread(author=member, body="Opening words")
    post = reply(thread, author=member, body="A reply of mine")
    posting.remove_own_post(author=member, post=post)
    exported = export_sections(member)["forum_posts"]
    assert [p["body"] for p in exported] == ["Opening words", ""]
    assert exported[1]["removed_by_you"] is True and exported[0]["thread"] == thread.title


def test_profile_counts_public_posts_and_threads(member, lounge, clinician):
    thread = make_thread(author=member)
    reply(thread, author=member, body="First reply")
    reply(make_thread(), author=member, body="Second reply")
    assert profile_stats(member) == {"Forum posts": 3, "Threads started": 1}
    make_thread(category=lounge, author=clinician)
    assert profile_stats(clinician) == {"Forum posts": 0, "Threads started": 0}
