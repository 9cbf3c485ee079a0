"""Warn, suspend, ban and remove a spammer from the queue: the member is told, the log says
who and why, the reports are resolved, and a sanction can be appealed to another moderator."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Sanction
from accounts.permissions import can_participate
from forum.models import ModerationAction, Post
from moderation import appeals, sanctioning
from moderation.actions import ActionRefused
from moderation.models import Report, ReportReason, ReviewItem
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_user
from tests.forum.conftest import reply

from .conftest import make_report, open_item

pytestmark = pytest.mark.django_db


def act_url(item, action):
    return reverse("moderation:act", kwargs={"pk": item.pk, "action": action})


@pytest.fixture
def reported(post):
    make_report(post)
    return open_item(f"post:{post.pk}")


def test_a_warning_from_a_reported_post(client, moderator, reported, author):
    client.force_login(moderator)
    response = client.post(act_url(reported, "warn"), {"warn-reason": "Please no adverts."})
    assert response.status_code == 302
    warning = Sanction.objects.get(member=author)
    assert (warning.kind, warning.reason, warning.created_by) == ("warning", "Please no adverts.",
                                                                  moderator)  # fmt: skip
    assert ModerationAction.objects.get(action="warn").target_user == author
    told = Notification.objects.get(recipient=author, kind=Kind.WARNING)
    assert "adverts" not in told.title
    assert Report.objects.get().outcome == "acted"
    assert not ReviewItem.objects.open().exists()


def test_a_suspension_for_a_period_stops_taking_part(client, moderator, reported, author):
    client.force_login(moderator)
    client.post(act_url(reported, "suspend"), {"suspend-reason": "Cool off.", "suspend-days": "3"})
    author.refresh_from_db()
    assert not can_participate(author)
    ends = Sanction.objects.get(member=author).ends_at
    assert timedelta(days=2, hours=23) < ends - timezone.now() <= timedelta(days=3)


def test_a_ban_and_the_refusal_to_ban_yourself(client, moderator, author):
    make_report(author, reason=ReportReason.HARASSMENT)
    item = open_item(f"member:{author.pk}")
    client.force_login(moderator)
    client.post(act_url(item, "ban"), {"ban-reason": "Harassing members."})
    assert Sanction.objects.get(member=author).kind == "ban"
    make_report(moderator, reason=ReportReason.OTHER, details="Self-report")
    own = open_item(f"member:{moderator.pk}")
    with pytest.raises(ActionRefused):
        sanctioning.ban(moderator=moderator, item=own, reason="Me")
    assert open_item(own.target_key).is_open  # nothing written: the item is still waiting


def test_remove_this_spammer_hides_everything_and_bans_in_one_step(moderator, thread, author):
    posts = [reply(thread, author=author, body=f"Cheap pills {n}") for n in range(3)]
    make_report(posts[0])
    make_report(posts[1], reason=ReportReason.MISINFORMATION)
    make_report(author)
    sanctioning.remove_spammer(moderator=moderator, item=open_item(f"post:{posts[0].pk}"),
                               reason="Spam account.")  # fmt: skip
    assert not Post.objects.filter(author=author, hidden_at=None).exists()  # the opening too
    assert Sanction.objects.get(member=author).kind == "ban"
    assert not ReviewItem.objects.open().exists()
    assert not Report.objects.filter(resolved_at=None).exists()
    entry = ModerationAction.objects.get(action="remove_spammer")
    assert entry.details["hidden"] == 4  # the thread's opening post and three replies


def test_an_answer_has_no_sanctions_to_offer(client, moderator, member):
    from articles.models import QuestionStatus
    from tests.articles.conftest import make_question

    answer = make_question(asker=member, status=QuestionStatus.ANSWERED).answer
    make_report(answer, reporter=member, reason=ReportReason.MISINFORMATION)
    item = open_item(f"answer:{answer.pk}")
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).text
    assert "Ban the member" not in page and "No action needed" in page
    assert client.post(act_url(item, "ban"), {"ban-reason": "x"}).status_code == 400


def test_a_suspended_member_appeals_and_another_moderator_lifts_it(
    client, moderator, second_moderator, reported, author
):
    sanctioning.suspend(moderator=moderator, item=reported, reason="Adverts.", days=7)
    entry = ModerationAction.objects.get(action="suspend")
    client.force_login(author)  # suspended members can still read and appeal
    page = client.get(reverse("moderation:removal", args=[entry.pk]))
    assert page.status_code == 200 and "Adverts." in page.text
    client.post(reverse("moderation:removal", args=[entry.pk]), {"statement": "Never again."})
    appeal = appeals.Appeal.objects.get()
    appeals.decide(moderator=second_moderator, appeal=appeal, outcome="overturned",
                   reason="First offence.")  # fmt: skip
    author.refresh_from_db()
    assert can_participate(author)
    assert Sanction.objects.get(member=author).is_lifted
    assert ModerationAction.objects.filter(action="appeal_overturned").exists()


def test_a_member_cannot_sanction_anyone(client, member, reported):
    client.force_login(member)
    assert client.post(act_url(reported, "ban"), {"ban-reason": "x"}).status_code == 403
    assert not Sanction.objects.exists()
    assert make_user()  # the fixture's author is untouched
