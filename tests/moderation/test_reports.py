"""Members report posts, threads, answers and members: one open report per person per target,
a clear message beside the field for bad input, nothing written twice."""

import pytest
from django.test import override_settings
from django.urls import reverse

from moderation.models import ItemKind, Report, ReportReason, ReviewItem
from moderation.queue import REPORT_RISK
from tests.conftest import make_clinician, make_user
from tests.forum.conftest import make_category, make_thread, reply

from .conftest import make_report, open_item

pytestmark = pytest.mark.django_db


def report_url(kind, pk):
    return reverse("moderation:report", kwargs={"kind": kind, "pk": pk})


def test_the_post_link_is_the_url_holds_builds_without_reverse(post):
    assert report_url("post", post.pk) == f"/moderation/report/post/{post.pk}/"


def test_a_member_reports_a_post_and_it_joins_the_queue(client, post, member):
    client.force_login(member)
    page = client.get(report_url("post", post.pk))
    assert page.status_code == 200 and "Buy cheap pills" in page.text
    response = client.post(report_url("post", post.pk), {"reason": "spam", "details": ""})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.post, report.reason) == (member, post, "spam")
    item = open_item(f"post:{post.pk}")
    assert (item.kind, item.report_count, item.author) == (ItemKind.REPORT, 1, post.author)
    assert report.review_item == item


def test_one_open_report_per_person_per_target(client, post, member):
    client.force_login(member)
    client.post(report_url("post", post.pk), {"reason": "spam"})
    again = client.post(report_url("post", post.pk), {"reason": "harassment"})
    assert again.status_code == 200
    assert "You reported this" in again.text
    assert Report.objects.count() == 1
    assert open_item(f"post:{post.pk}").report_count == 1


def test_the_service_refuses_a_second_open_report_and_writes_nothing(post, member):
    make_report(post, reporter=member)
    from moderation.reporting import AlreadyReported

    with pytest.raises(AlreadyReported):
        make_report(post, reporter=member, reason=ReportReason.AT_RISK)
    item = open_item(f"post:{post.pk}")
    assert (Report.objects.count(), item.report_count) == (1, 1)
    assert item.risk == REPORT_RISK[ReportReason.SPAM]  # the refused report raised nothing


def test_other_members_reports_join_the_same_item_and_raise_its_risk(post):
    make_report(post, reason=ReportReason.SPAM)
    make_report(post, reason=ReportReason.AT_RISK)
    item = open_item(f"post:{post.pk}")
    assert ReviewItem.objects.count() == 1
    assert (item.report_count, item.risk) == (2, REPORT_RISK[ReportReason.AT_RISK])


def test_a_member_cannot_report_their_own_post(client, post):
    client.force_login(post.author)
    assert client.get(report_url("post", post.pk)).status_code == 403
    assert client.post(report_url("post", post.pk), {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_unverified_members_cannot_report(client, post):
    client.force_login(make_user(verified=False))
    assert client.post(report_url("post", post.pk), {"reason": "spam"}).status_code == 403


def test_visitors_are_sent_to_log_in(client, post):
    response = client.get(report_url("post", post.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_what_a_member_cannot_see_cannot_be_reported(client, member):
    lounge = make_category(clinicians_only=True)
    thread = make_thread(category=lounge, author=make_clinician())
    client.force_login(member)
    assert client.get(report_url("thread", thread.pk)).status_code == 404
    assert client.get(report_url("spaceship", thread.pk)).status_code == 404
    assert client.get(report_url("post", 987654)).status_code == 404


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ("Look\u202eat this", "text-direction control character"),
        ("x" * 1001, "Keep it under 1,000 characters"),
    ],
)
def test_hostile_or_oversized_details_are_refused_beside_the_field_and_kept(
    client, post, member, details, message
):
    client.force_login(member)
    response = client.post(report_url("post", post.pk), {"reason": "other", "details": details})
    assert response.status_code == 200
    assert message in response.text
    assert details[:50] in response.text  # what was typed is still in the form
    assert not Report.objects.exists() and not ReviewItem.objects.exists()


def test_something_else_needs_a_few_words(client, post, member):
    client.force_login(member)
    response = client.post(report_url("post", post.pk), {"reason": "other", "details": " "})
    assert "Tell us in a few words" in response.text
    assert not Report.objects.exists()


def test_markup_in_details_is_shown_as_text_to_moderators(client, post, member, moderator):
    make_report(post, reporter=member, reason=ReportReason.OTHER,
                details='<script>alert("x")</script> **not bold**')  # fmt: skip
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[open_item(f"post:{post.pk}").pk])).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_thread_and_a_member_can_be_reported(client, thread, member, author):
    client.force_login(member)
    client.post(report_url("thread", thread.pk), {"reason": "misinformation"})
    client.post(report_url("member", author.pk), {"reason": "harassment"})
    assert set(Report.objects.values_list("target_key", flat=True)) == {
        f"thread:{thread.pk}",
        f"member:{author.pk}",
    }
    assert open_item(f"member:{author.pk}").author == author


def test_an_answer_can_be_reported_by_its_asker_only(client, member):
    from articles.models import QuestionStatus
    from tests.articles.conftest import make_question

    question = make_question(asker=member, status=QuestionStatus.ANSWERED)
    answer = question.answer
    client.force_login(make_user())
    assert client.get(report_url("answer", answer.pk)).status_code == 404  # private
    client.force_login(member)
    page = client.get(report_url("answer", answer.pk))
    assert page.status_code == 200
    assert "sertraline" not in page.text  # the form names the answer, never quotes it
    client.post(report_url("answer", answer.pk), {"reason": "misinformation"})
    assert open_item(f"answer:{answer.pk}").author == answer.clinician


@override_settings(RATE_LIMITS={"report": [(3, 3600, "user")]})
def test_a_flood_of_reports_is_refused_with_429_and_the_text_kept(client, thread, member):
    posts = [reply(thread) for _ in range(4)]
    client.force_login(member)
    for post in posts[:3]:
        assert client.post(report_url("post", post.pk), {"reason": "spam"}).status_code == 302
    refused = client.post(
        report_url("post", posts[3].pk), {"reason": "other", "details": "Fourth one, kept"}
    )
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "sent several reports" in refused.text and "Fourth one, kept" in refused.text
    assert Report.objects.count() == 3
    assert not ReviewItem.objects.filter(target_key=f"post:{posts[3].pk}").exists()


def test_a_filled_honeypot_writes_nothing(client, post, member):
    client.force_login(member)
    page = client.get(report_url("post", post.pk)).text
    assert 'name="website"' in page and 'tabindex="-1"' in page
    response = client.post(report_url("post", post.pk), {"reason": "spam", "website": "x"})
    assert response.status_code == 200 and "meant to stay empty" in response.text
    assert not Report.objects.exists()


def test_a_suspended_member_cannot_report(client, post, member, moderator):
    from datetime import timedelta

    from django.utils import timezone

    from accounts import sanctions

    sanctions.suspend(member, moderator=moderator, reason="Cooling off",
                      until=timezone.now() + timedelta(days=1))  # fmt: skip
    client.force_login(member)
    assert client.post(report_url("post", post.pk), {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_a_hidden_post_cannot_be_reported_nor_read_through_the_form(client, post, member):
    from tests.conftest import make_moderator
    from tests.moderation.conftest import hide

    hide(post, make_moderator())
    client.force_login(member)
    response = client.get(report_url("post", post.pk))
    assert response.status_code == 404 and "Buy cheap pills" not in response.text
