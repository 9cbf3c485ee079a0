"""Ask the doctor in a real browser: ask, claim, ask for information, reply, answer, email,
read, promote to the FAQ with the asker's consent; axe on every page on the way."""

import re

import pytest
from django.core import mail

from articles.models import DoctorQuestion
from tests.conftest import make_article, make_clinician, make_user
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _second_page(page):
    """A separate browser context (another person), with the same CSP watch as `page`."""
    context = page.context.browser.new_context()
    other = context.new_page()
    other.set_default_timeout(10_000)
    other.base_url = page.base_url
    errors = []
    other.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return other, errors


def _link_in(message, fragment):
    return re.search(rf"https?://\S+({fragment}\S*)", message.body).group(1)


def test_patient_and_clinician_work_a_question_through_to_the_faq(page):
    article = make_article(title="Walking after meals and blood sugar")
    make_user(email="asker@example.com", handle="curious_finch")
    make_clinician(email="doc@example.com", handle="dr_on_call")
    doctor, doctor_csp = _second_page(page)

    # The patient asks from the item, with a preview first.
    log_in(page, "asker@example.com")
    page.goto(f"{page.base_url}/articles/{article.number}/ask/")
    assert page.get_by_text("Not for emergencies").is_visible()
    assert page.get_by_text("General information, not a consultation").is_visible()
    assert_accessible(page)
    page.get_by_label("Your question", exact=True).fill(
        "I walk for **ten minutes** after dinner. Is that enough to matter?"
    )
    page.get_by_label("Age range (optional)").select_option("45_64")
    page.get_by_label("May be published", exact=False).check()
    page.get_by_role("button", name="Preview").click()
    assert page.locator(".ask-preview strong").inner_text() == "ten minutes"
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_url(re.compile(r"/articles/ask/q/[\w-]{16}/$"))
    assert page.get_by_text("Waiting for a clinician").first.is_visible()
    assert page.get_by_text("cannot estimate a wait yet").is_visible()
    assert_accessible(page)
    question_url = page.url

    # The clinician claims it from the queue and asks for more information.
    log_in(doctor, "doc@example.com")
    doctor.goto(f"{doctor.base_url}/articles/ask/queue/")
    assert doctor.locator(".queue-list").get_by_text(article.title).is_visible()
    assert_accessible(doctor)
    doctor.locator(".queue-list a").first.click()
    doctor.get_by_role("button", name="Claim this question").click()
    assert doctor.get_by_text("You hold this question now").is_visible()
    assert_accessible(doctor)
    doctor.get_by_label("What do you need to know?").fill("How fast do you usually walk?")
    doctor.get_by_role("button", name="Ask the patient").click()
    assert doctor.get_by_text("Waiting for the patient").first.is_visible()

    # The patient replies; it goes back to the same clinician.
    page.goto(question_url)
    assert page.get_by_text("Waiting for you").first.is_visible()
    assert page.get_by_text("How fast do you usually walk?").is_visible()
    assert_accessible(page)
    page.get_by_label("Your reply to the clinician").fill("At an easy, chatting pace.")
    page.get_by_role("button", name="Send my reply").click()
    assert page.get_by_text("A clinician is answering").first.is_visible()

    # The clinician answers, after a preview.
    doctor.reload()
    assert doctor.get_by_text("At an easy, chatting pace.").is_visible()
    doctor.get_by_label("Your answer").fill("Yes: even *short* walks after meals help.")
    doctor.locator("form[action$='/answer/']").get_by_role("button", name="Preview").click()
    assert doctor.locator(".ask-preview em").inner_text() == "short"
    doctor.get_by_role("button", name="Send answer").click()
    assert doctor.get_by_text("Your answer was sent").is_visible()

    # The patient gets an email with a link (and none of their words), and reads the answer.
    answered = [m for m in mail.outbox if "answered your question" in m.subject]
    assert len(answered) == 1 and answered[0].to == ["asker@example.com"]
    assert "ten minutes" not in answered[0].body
    page.goto(page.base_url + _link_in(answered[0], "/articles/ask/q/"))
    assert page.get_by_text("even short walks after meals help").is_visible()
    assert_accessible(page)

    # The clinician proposes a de-identified FAQ entry; the asker confirms by the emailed link.
    doctor.reload()
    doctor.get_by_text("Add to the item's FAQ").click()
    doctor.get_by_label("Question as it would appear in the FAQ").fill(
        "Do short walks after meals make a difference?"
    )
    doctor.get_by_label("Answer as it would appear in the FAQ").fill(
        "Yes: even short walks after meals help."
    )
    doctor.get_by_role("button", name="Ask the asker to confirm").click()
    assert doctor.get_by_text("Nothing is published until they do").is_visible()
    consent = next(m for m in mail.outbox if "help other readers" in m.subject)
    page.goto(page.base_url + _link_in(consent, "/articles/ask/q/"))
    assert page.get_by_text("Do short walks after meals make a difference?").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, add it to the FAQ").click()
    assert page.get_by_text("now appears in the item's FAQ").is_visible()

    page.goto(f"{page.base_url}/articles/{article.number}/ask/")
    faq = page.locator(".ask-doctor-faq")
    assert faq.get_by_text("Do short walks after meals make a difference?").is_visible()
    assert faq.get_by_text("Answered by Dr. Test").is_visible()
    page.goto(f"{page.base_url}/articles/ask/mine/")
    assert page.get_by_text("Answered").first.is_visible()
    assert_accessible(page)
    assert DoctorQuestion.objects.get().faq_item is not None
    doctor.context.close()
    assert not doctor_csp, doctor_csp


def test_another_patient_probing_a_private_question_gets_not_found(page):
    article = make_article()
    owner = make_user()
    question = DoctorQuestion.objects.create(
        article=article, asker=owner, body="Something private about my kidneys"
    )
    make_user(email="prober@example.com")
    log_in(page, "prober@example.com")
    response = page.goto(f"{page.base_url}{question.get_absolute_url()}")
    assert response.status == 404
    assert page.get_by_text("kidneys").count() == 0
    assert_accessible(page)
    response = page.goto(f"{page.base_url}/articles/ask/queue/")
    assert response.status == 403
