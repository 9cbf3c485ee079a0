"""Every 403 says why and what to do next, with a link to the next step."""

import pytest
from django.urls import reverse

from accounts.models import VerificationStatus
from forum import moderation
from tests.conftest import make_clinician, make_moderator, make_user
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db
QUEUE = reverse("articles:ask-doctor-queue")


def refused(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 403
    return response.content.decode()


def test_newly_verified_clinician_without_two_factor_is_sent_to_set_it_up(client):
    client.force_login(make_clinician(mfa=False))
    html = refused(client, QUEUE)
    assert "needs two-factor authentication" in html
    assert f'href="{reverse("mfa_activate_totp")}"' in html


def test_clinician_with_two_factor_opens_the_queue(client):
    client.force_login(make_clinician(mfa=True))
    assert client.get(QUEUE).status_code == 200


def test_pending_clinician_is_told_to_wait_for_verification(client):
    client.force_login(make_clinician(status=VerificationStatus.PENDING))
    html = refused(client, QUEUE)
    assert "still being reviewed" in html
    assert f'href="{reverse("accounts:clinician-apply")}"' in html


def test_member_who_is_no_clinician_is_offered_the_application(client):
    client.force_login(make_user())
    html = refused(client, QUEUE)
    assert "not verified as one" in html and "Apply for clinician verification" in html


def test_unverified_email_is_sent_to_email_settings(client):
    client.force_login(make_user(verified=False))
    html = refused(client, reverse("forum:thread-new"))
    assert "email address is not verified" in html
    assert f'href="{reverse("account_email")}"' in html


def test_moderator_without_two_factor_is_sent_to_set_it_up(client):
    moderator = make_user(groups=["Moderators"], is_staff=True)
    client.force_login(moderator)
    html = refused(client, reverse("forum:moderation-log"))
    assert "Staff work needs two-factor authentication" in html


def test_reply_to_a_locked_thread_says_so_and_links_back(client, member):
    thread = make_thread()
    moderation.set_locked(moderator=make_moderator(), thread=thread, locked=True)
    client.force_login(member)
    html = refused(client, reverse("forum:thread-reply", args=[thread.pk]))
    assert "locked this thread" in html
    assert f'href="{thread.get_absolute_url()}"' in html


def test_a_plain_refusal_still_gives_a_next_step(client, member):
    client.force_login(member)
    html = refused(client, reverse("forum:moderation-log"))
    assert "for a particular role" in html and "Go to the home page" in html
