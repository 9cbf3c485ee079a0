"""An urgent question to the clinicians: moderators hear of it at once, and nothing of it."""

import pytest

from articles.ask_doctor import asking
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_article, make_moderator, make_user

pytestmark = pytest.mark.django_db
IN_DANGER = "I think about ending my life every night and tonight I have a plan"


def test_moderators_are_alerted_without_a_word_of_the_question(
    django_capture_on_commit_callbacks, mailoutbox
):
    moderators = [make_moderator(), make_moderator()]
    member = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        question = asking.ask_question(asker=member, article=make_article(), body=IN_DANGER)
    alerts = Notification.objects.filter(kind=Kind.CRISIS_HOLD)
    assert set(alerts.values_list("recipient", flat=True)) == {m.pk for m in moderators}
    for alert in alerts:
        assert "ending" not in alert.title and "plan" not in alert.title
        assert question.public_id not in alert.url and member.handle not in alert.title
    for email in mailoutbox:
        assert "ending my life" not in email.body and question.public_id not in email.body
    assert not Notification.objects.filter(recipient=member, kind=Kind.CRISIS_HOLD).exists()


def test_a_calm_question_alerts_nobody(django_capture_on_commit_callbacks):
    make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        asking.ask_question(
            asker=make_user(), article=make_article(), body="Can I take it with food?"
        )
    assert not Notification.objects.filter(kind=Kind.CRISIS_HOLD).exists()
