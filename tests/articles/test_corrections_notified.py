"""A correction reaches readers: the people who follow the item's thread or asked a clinician
about the item hear of it once, in the app and by email as they chose — and the notification
names the item, never anyone's question."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import publishing
from articles.models import ArticleStatus, Correction
from forum.posting import ensure_article_thread, set_thread_follow
from notifications.kinds import Frequency, Kind
from notifications.models import EmailState, Notification, NotificationPreference
from tests.articles.conftest import make_question
from tests.articles.test_admin import form_data
from tests.conftest import make_article, make_editor, make_user
from tests.notifications.conftest import OUTBOX_MAILERS
from tests.notifications.relays import RelayState

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "my husband's sertraline and his liver"


@pytest.fixture(autouse=True)
def real_outbox(settings, mailoutbox):
    settings.MAILERS = OUTBOX_MAILERS
    RelayState.down = False
    return mailoutbox


def corrected(article, editor=None, note="The dose in the second paragraph was 20 mg, not 200 mg."):
    return publishing.add_correction(article=article, user=editor or make_editor(), note=note)


def test_followers_of_the_thread_and_askers_hear_of_a_correction_once(real_outbox):
    article = make_article(title="Sertraline and sleep")
    follower, asker, public_asker, outsider = make_user(), make_user(), make_user(), make_user()
    set_thread_follow(user=follower, thread=ensure_article_thread(article), follow=True)
    make_question(article=article, asker=asker, body=f"Does this apply to {PRIVATE_WORDS}?")
    make_question(article=article, asker=public_asker, visibility="publishable")
    make_question(article=make_article(), asker=outsider)
    editor = make_editor()
    correction = corrected(article, editor)
    notes = Notification.objects.filter(kind=Kind.ITEM_CORRECTED)
    assert sorted(notes.values_list("recipient", flat=True)) == sorted(
        [follower.pk, asker.pk, public_asker.pk]
    )
    assert {n.url for n in notes} == {article.get_absolute_url() + "#corrections"}
    assert {n.title for n in notes} == {"Correction to “Sertraline and sleep”"}
    assert Correction.objects.get() == correction and correction.created_by == editor
    # email at once by default, carrying the item's title and link, not the question
    assert sorted(m.to[0] for m in real_outbox) == sorted(
        u.email for u in (follower, asker, public_asker)
    )
    for message in real_outbox:
        assert "Correction to" in message.subject
        assert PRIVATE_WORDS not in message.body and "sertraline and his" not in message.subject


def test_someone_who_follows_and_asked_hears_once_and_the_editor_not_at_all():
    article = make_article()
    member, editor = make_user(), make_editor()
    set_thread_follow(user=member, thread=ensure_article_thread(article), follow=True)
    set_thread_follow(user=editor, thread=ensure_article_thread(article), follow=True)
    make_question(article=article, asker=member)
    corrected(article, editor)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [member.pk]


def test_email_follows_the_members_preference(real_outbox):
    article = make_article()
    weekly, silent = make_user(), make_user()
    for member in (weekly, silent):
        make_question(article=article, asker=member)
    NotificationPreference.objects.create(
        user=weekly, kind=Kind.ITEM_CORRECTED, in_app=True, email=Frequency.WEEKLY
    )
    NotificationPreference.objects.create(
        user=silent, kind=Kind.ITEM_CORRECTED, in_app=False, email=Frequency.NEVER
    )
    corrected(article)
    [note] = Notification.objects.filter(kind=Kind.ITEM_CORRECTED)
    assert note.recipient == weekly and note.email_state == EmailState.PENDING
    assert real_outbox == []


def test_a_correction_to_an_item_not_yet_public_tells_nobody():
    draft = make_article(status=ArticleStatus.DRAFT)
    make_question(article=draft, asker=make_user())
    corrected(draft)
    assert not Notification.objects.exists()
    assert draft.revisions.filter(message="Correction published").exists()


def test_only_editors_publish_corrections_and_a_blank_or_hostile_note_is_refused():
    article = make_article()
    with pytest.raises(PermissionDenied):
        publishing.add_correction(article=article, user=make_user(), note="A fair correction.")
    with pytest.raises(publishing.PublishError, match="Write the correction"):
        corrected(article, note="   ")
    with pytest.raises(publishing.PublishError, match="control characters"):
        corrected(article, note="Dose fixed\x00")
    assert not Correction.objects.exists()


def _change(client, article, note):
    data = form_data(
        article.section,
        number=str(article.number),
        slug=article.slug,
        **{"corrections-TOTAL_FORMS": "1", "corrections-0-note": note},
    )
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_a_correction_added_in_the_admin_is_shown_and_notified(client):
    article = make_article()
    asker = make_user()
    make_question(article=article, asker=asker)
    client.force_login(make_editor())
    response = _change(client, article, "The trial had 120 participants, not 210.")
    assert response.status_code == 302, response.content.decode()[:2000]
    [note] = Notification.objects.filter(kind=Kind.ITEM_CORRECTED)
    assert note.recipient == asker
    article.refresh_from_db()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "The trial had 120 participants, not 210." in page and 'id="corrections"' in page


def test_a_hostile_correction_in_the_admin_is_refused_next_to_the_field_and_kept(client):
    article = make_article()
    client.force_login(make_editor())
    response = _change(client, article, "Fixed\x07 the dose")
    assert response.status_code == 200
    html = response.content.decode()
    assert "control characters" in html and "Fixed" in html
    assert not Correction.objects.exists() and not Notification.objects.exists()
