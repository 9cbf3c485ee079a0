"""Every page, as each role, at phone width (360 px): nothing wider than the screen, and axe
finds nothing serious. The demo content is what people see first, so it is what is walked."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET
from articles.models import Article, DoctorQuestion
from forum.models import Category, Post, Thread
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"width": 360, "height": 740}


def demo_log_in(page, who: str) -> None:
    from clinicalcontext.management.commands.demo_totp import current_code

    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("Email").fill(f"{who}@{DEMO_DOMAIN}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    if "/2fa/authenticate" in page.url:
        page.locator("input[name=code]").fill(current_code(DEMO_TOTP_SECRET))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()


def public_pages() -> list[str]:
    item = Article.objects.get(external_id="demo:2026-11-14:0050")
    thread = Thread.objects.filter(article__isnull=True, category__clinicians_only=False).first()
    return [
        "/",
        reverse("articles:index"),
        item.get_absolute_url(),
        reverse("articles:section", args=[item.section.slug]),
        reverse("articles:topic", args=[item.topics.first().slug]),
        reverse("articles:ask-doctor-home"),
        reverse("forum:index"),
        reverse("forum:category", args=[thread.category.slug]),
        thread.get_absolute_url(),
        item.thread.get_absolute_url(),
        reverse("accounts:profile", args=["quiet_heron"]),
        reverse("account_login"),
        reverse("account_signup"),
        "/no-such-page/",
    ]


def member_pages() -> list[str]:
    item = Article.objects.get(external_id="demo:2026-11-14:0050")
    post = Post.objects.filter(author__email=f"patient@{DEMO_DOMAIN}").first()
    return [
        reverse("articles:ask-doctor-ask", args=[item.number]),
        reverse("articles:ask-doctor-mine"),
        reverse("forum:thread-new"),
        reverse("forum:following"),
        reverse("forum:post-reply", args=[post.pk]),
        reverse("accounts:settings"),
        reverse("accounts:profile-edit"),
        reverse("accounts:clinician-apply"),
        reverse("mfa_index"),
        reverse("account_email"),
        reverse("moderation:my-reports"),
        reverse("moderation:report", args=["post", _someone_elses_post().pk]),
    ]


def _someone_elses_post() -> Post:
    """A public post neither the patient nor the clinician wrote (theirs they cannot report)."""
    mine = [f"patient@{DEMO_DOMAIN}", f"clinician@{DEMO_DOMAIN}"]
    posts = Post.objects.filter(thread__category__clinicians_only=False, hidden_at=None)
    return posts.exclude(author__email__in=mine).first()


def patient_pages() -> list[str]:
    question = DoctorQuestion.objects.filter(status="submitted").first()
    return [
        question.get_absolute_url(),
        reverse("articles:ask-doctor-withdraw", args=[question.public_id]),
    ]


def clinician_pages() -> list[str]:
    lounge = Category.objects.get(slug="clinicians-lounge")
    return [
        reverse("articles:ask-doctor-queue"),
        reverse("articles:ask-doctor-queue") + "?view=needs_info",
        reverse("articles:ask-doctor-queue") + "?view=answered",
        *[q.get_absolute_url() for q in DoctorQuestion.objects.order_by("pk")],
        reverse("forum:category", args=[lounge.slug]),
    ]


def moderator_pages() -> list[str]:
    post = Post.objects.filter(thread__article__isnull=False).first()
    return [
        reverse("forum:moderation-log"),
        reverse("moderation:queue"),
        reverse("moderation:log"),
        reverse("forum:post-hide", args=[post.pk]),
        reverse("forum:post-history", args=[post.pk]),
        reverse("admin:index"),
    ]


def editor_pages() -> list[str]:
    item = Article.objects.get(external_id="demo:2026-11-14:0050")
    draft = Article.objects.filter(status="draft").first()
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[item.pk]),
        reverse("admin:articles_article_change", args=[draft.pk]),
        draft.get_absolute_url(),
    ]


def admin_pages() -> list[str]:
    question = DoctorQuestion.objects.filter(visibility="publishable").first()
    return [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:articles_doctorquestion_changelist"),
        reverse("admin:articles_doctorquestion_change", args=[question.pk]),
        reverse("admin:articles_questionaccesslog_changelist"),
        reverse("admin:accounts_clinicianprofile_changelist"),
    ]


ROLES = {
    "anonymous": (None, [public_pages]),
    "patient": ("patient", [public_pages, member_pages, patient_pages]),
    "clinician": ("clinician", [member_pages, clinician_pages]),
    "moderator": ("moderator", [moderator_pages]),
    "editor": ("editor", [editor_pages]),
    "admin": ("admin", [admin_pages]),
}


def too_wide(page) -> str:
    """'' when nothing is wider than the viewport, else what overflows (for the message)."""
    return page.evaluate(
        """() => {
          const width = document.scrollingElement.scrollWidth;
          if (width <= window.innerWidth) return "";
          const wide = [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3).map(el => el.tagName + "." + el.className).join(", ");
          return width + "px: " + wide;
        }"""
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_a_phone_and_passes_axe(page, role):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    who, groups = ROLES[role]
    page.set_viewport_size(PHONE)
    if who:
        demo_log_in(page, who)
    problems = []
    for url in [url for group in groups for url in group()]:
        page.goto(page.base_url + url)
        if wide := too_wide(page):
            problems.append(f"{url}: {wide}")
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{url}: {error}")
    assert not problems, "\n".join(problems)


def test_the_item_page_offers_ask_and_discuss_near_the_top_on_a_phone(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    item = Article.objects.get(external_id="demo:2026-11-14:0050")
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + item.get_absolute_url())
    jump = page.get_by_role("navigation", name="Take part")
    for name in ("Ask a clinician", "Discuss"):
        link = jump.get_by_role("link", name=name)
        assert link.is_visible()
        assert link.bounding_box()["y"] < 1200  # within the first screens, not after the FAQ
    jump.get_by_role("link", name="Discuss").click()
    assert page.url.endswith(item.thread.get_absolute_url())
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + item.get_absolute_url())
    assert not page.get_by_role("navigation", name="Take part").is_visible()
    assert_accessible(page)
