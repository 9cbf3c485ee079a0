"""A member's reports and appeals are in their export, and their words go with their account."""

import pytest

from accounts.signals import account_deleted, export_sections
from moderation import appeals
from moderation.models import Appeal, Report, ReportReason

from .conftest import hide, make_report

pytestmark = pytest.mark.django_db


def test_the_export_holds_reports_made_and_appeals(post, member, moderator):
    make_report(post, reporter=member, reason=ReportReason.OTHER, details="Looks like an advert")
    appeals.appeal(appellant=post.author, action=hide(post, moderator), statement="Not an advert")
    reported = export_sections(member)["reports_made"]
    assert [(r["reason"], r["details"], r["resolved"]) for r in reported] == [
        ("Something else", "Looks like an advert", None)
    ]
    appealed = export_sections(post.author)["appeals"]
    assert [(a["against"], a["statement"]) for a in appealed] == [("Hid post", "Not an advert")]


def test_deleting_an_account_takes_its_words_out_of_reports_and_appeals(post, member, moderator):
    make_report(post, reporter=member, reason=ReportReason.OTHER, details="My own words")
    appeals.appeal(appellant=post.author, action=hide(post, moderator), statement="Mine too")
    account_deleted.send(sender=type(member), user=member)
    account_deleted.send(sender=type(post.author), user=post.author)
    assert Report.objects.get().details == "" and Appeal.objects.get().statement == ""
