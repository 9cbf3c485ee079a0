"""Screening as people write: the live check, the identifier warning before publishing ("post
anyway" or edit), new members' first posts and links waiting for a moderator, Report links."""

import logging
import re

import pytest
from django.urls import reverse

from forum import moderation, signals
from forum.models import Post
from tests.conftest import make_clinician, make_moderator, make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db

PHONE = "My husband is struggling, call me on 07700 900123 if you can help."
CRISIS = "I want to kill myself tonight."
SCREEN = "/screen-draft/"


def _token(client, url):
    return client.get(url).context["form"].initial["submission_token"]


# The live check ----------------------------------------------------------------------------


def test_the_live_check_returns_the_panels_for_what_was_found(client, member):
    client.force_login(member)
    crisis = client.post(SCREEN, {"body": CRISIS}, headers={"HX-Request": "true"})
    assert crisis.status_code == 200 and 'id="crisis-resources"' in crisis.text
    assert "identifier-warning" not in crisis.text
    phone = client.post(SCREEN, {"title": "Help", "body": PHONE})
    assert 'id="identifier-warning"' in phone.text and "Phone number" in phone.text
    assert "<mark>07700 900123</mark>" in phone.text
    assert "Post anyway" not in phone.text  # the live check warns; posting asks
    assert "no-store" in phone["Cache-Control"]
    clean = client.post(SCREEN, {"body": "Took 5/325 mg at 8 am, BP 120/80."})
    assert clean.status_code == 200 and clean.text.strip() == ""


def test_the_live_check_is_for_members_and_never_logs_the_text(client, member, caplog):
    assert client.post(SCREEN, {"body": CRISIS}).status_code == 403
    client.force_login(member)
    assert client.get(SCREEN).status_code == 405
    with caplog.at_level(logging.DEBUG):
        client.post(SCREEN, {"body": CRISIS + " " + PHONE, "submission_token": "x"})
    assert "07700" not in caplog.text and "kill" not in caplog.text


def test_the_live_check_escapes_what_it_shows(client, member):
    client.force_login(member)
    response = client.post(SCREEN, {"body": "<b>x</b> call 07700 900123 <script>"})
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text


def test_posting_forms_ask_for_the_live_check(client, thread, member):
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).text
    assert f'hx-post="{SCREEN}"' in page and 'hx-include="closest form"' in page
    assert 'id="screening-thread"' in page


# Before publishing -------------------------------------------------------------------------


def test_a_reply_with_a_phone_number_is_warned_and_kept_not_posted(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": PHONE, "submission_token": _token(client, url)})
    assert response.status_code == 200
    assert 'id="identifier-warning"' in response.text and "Post anyway" in response.text
    assert re.search(r"<textarea[^>]*>\s*My husband is struggling", response.text)
    assert Post.objects.filter(thread=thread).count() == 1  # only the opening post


def test_posting_anyway_publishes_and_tells_the_moderators(
    client, thread, member, django_capture_on_commit_callbacks
):
    heard = []
    signals.post_published_with_identifiers.connect(
        lambda sender, signal, **kw: heard.append(kw), dispatch_uid="test-identifiers", weak=False
    )
    try:
        client.force_login(member)
        url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
        data = {"body": PHONE, "submission_token": _token(client, url), "post_anyway": "1"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
    finally:
        signals.post_published_with_identifiers.disconnect(dispatch_uid="test-identifiers")
    assert response.status_code == 302
    post = Post.objects.get(body=PHONE)
    assert not post.is_held
    assert heard == [{"post": post, "kinds": ["phone"]}]


def test_a_new_thread_with_an_email_address_is_warned(client, category, member):
    client.force_login(member)
    url = reverse("forum:thread-new")
    data = {
        "category": category.pk,
        "title": "Looking for others",
        "body": "Write to me at jo.bloggs@example.com",
        "submission_token": _token(client, url),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Email address" in response.text
    assert 'value="Looking for others"' in response.text
    assert not Post.objects.exists()


def test_words_of_danger_are_held_at_once_without_the_warning(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    body = CRISIS + " " + PHONE
    response = client.post(url, {"body": body, "submission_token": _token(client, url)})
    assert response.status_code == 302
    assert Post.objects.get(body=body).hold_reason == "crisis"


def test_preview_shows_the_same_panels_without_javascript(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    data = {"body": CRISIS, "submission_token": _token(client, url), "preview": "1"}
    response = client.post(url, data)
    assert 'id="crisis-resources"' in response.text
    assert response.text.index('id="crisis-resources"') < response.text.index('id="main"')
    assert not Post.objects.filter(thread=thread, body=CRISIS).exists()


# New members -------------------------------------------------------------------------------


def test_a_new_members_first_posts_wait_one_after_the_other(settings, thread):
    settings.MODERATION_NEW_MEMBER_HELD_POSTS = 2
    newcomer, moderator = make_user(), make_moderator()
    first = reply(thread, author=newcomer, body="Hello, I am new here.", premoderate=True)
    assert first.hold_reason == "new_member"
    moderation.approve_post(moderator=moderator, post=first)
    second = reply(thread, author=newcomer, body="Thank you for the welcome.", premoderate=True)
    assert second.hold_reason == "new_member"
    moderation.approve_post(moderator=moderator, post=second)
    assert not reply(
        thread, author=newcomer, body="Now I can post freely.", premoderate=True
    ).is_held


def test_clinicians_and_moderators_are_not_premoderated(settings, thread):
    settings.MODERATION_NEW_MEMBER_HELD_POSTS = 2
    assert not reply(thread, author=make_clinician(), premoderate=True).is_held
    assert not reply(thread, author=make_moderator(), premoderate=True).is_held


def test_one_link_until_approved_once(settings, thread):
    member, moderator = make_user(), make_moderator()
    assert not reply(
        thread, author=member, body="See https://example.org/a", premoderate=True
    ).is_held
    links = "See https://example.org/a and [this](https://example.org/b)"
    held = reply(thread, author=member, body=links, premoderate=True)
    assert held.hold_reason == "links"
    moderation.approve_post(moderator=moderator, post=held)
    assert not reply(thread, author=member, body=links + " too", premoderate=True).is_held


def test_a_new_member_posting_on_the_site_waits_while_the_sites_own_code_posts_as_told(
    client, settings, thread
):
    """Premoderation is a policy on what members submit: the reply view applies it; the
    services called by the site's own code (demo, seeds, benchmarks) post as told."""
    settings.MODERATION_NEW_MEMBER_HELD_POSTS = 2
    newcomer = make_user()
    assert not reply(thread, author=newcomer, body="Posted by a seed script.").is_held
    client.force_login(newcomer)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    body = "My first words typed on the site."
    client.post(url, {"body": body, "submission_token": _token(client, url)})
    assert Post.objects.get(thread=thread, body=body).hold_reason == "new_member"


# Report links ------------------------------------------------------------------------------


def test_every_post_but_your_own_has_a_report_link(client, member):
    thread = make_thread(author=member)
    other = reply(thread, body="A reply")
    opening = Post.objects.get(thread=thread, path="000000")
    page = client.get(thread.get_absolute_url()).text  # visitors too: the form asks to log in
    for post in (opening, other):
        assert f'href="/moderation/report/post/{post.pk}/"' in page
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).text
    assert f'href="/moderation/report/post/{opening.pk}/"' not in page
    assert f'href="/moderation/report/post/{other.pk}/"' in page
