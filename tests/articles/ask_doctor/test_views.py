"""Ask-the-doctor pages: who sees what (404 vs 403), forms, emails, fixed query counts."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import VerificationStatus
from articles.ask_doctor import asking, queue
from articles.models import (
    ArticleStatus,
    DoctorQuestion,
    FaqState,
    QuestionAccessLog,
    QuestionStatus,
    Visibility,
)
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_moderator, make_user

pytestmark = pytest.mark.django_db
S = QuestionStatus


def url(name, question=None, **kwargs):
    if question is not None:
        kwargs["public_id"] = question.public_id
    return reverse(f"articles:ask-doctor-{name}", kwargs=kwargs)


def _private_viewer():
    user = make_user(is_staff=True, mfa=True)
    user.user_permissions.add(Permission.objects.get(codename="view_private_doctorquestion"))
    return user


ROLES = {
    "anonymous": lambda: None,
    "other_patient": lambda: make_user(),
    "moderator": lambda: make_moderator(),
    "unverified_clinician": lambda: make_clinician(status=VerificationStatus.PENDING),
    "revoked_clinician": lambda: make_clinician(status=VerificationStatus.REVOKED),
    "clinician_without_mfa": lambda: make_clinician(mfa=False),
    "staff_without_permission": lambda: make_user(is_staff=True, mfa=True),
    "clinician": lambda: make_clinician(),
    "staff_with_permission": _private_viewer,
}
MAY_SEE = {"clinician", "staff_with_permission"}
MAY_WORK = {"clinician"}


def _client_for(client, role):
    user = ROLES[role]()
    if user is not None:
        client.force_login(user)
    return user


# --- The permission matrix --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", Visibility.values)
def test_question_page_is_404_to_all_but_asker_clinicians_and_chosen_staff(
    client, role, visibility
):
    question = make_question(visibility=visibility)
    _client_for(client, role)
    response = client.get(url("question", question))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in MAY_SEE:
        assert response.status_code == 200
        assert b"sertraline" in response.content
    else:
        assert response.status_code == 404
        assert b"sertraline" not in response.content


def test_asker_sees_their_own_question(client):
    question = make_question()
    client.force_login(question.asker)
    response = client.get(url("question", question))
    assert response.status_code == 200 and b"sertraline" in response.content


def test_another_patient_probing_ids_gets_the_same_404_as_for_a_missing_question(client):
    question = make_question()
    client.force_login(make_user())
    existing = client.get(url("question", question))
    missing = client.get(url("question", public_id="A" * 16))
    assert existing.status_code == missing.status_code == 404
    assert client.get(f"/articles/ask/q/{question.pk}/").status_code == 404
    for action in ("withdraw", "reply", "follow-up", "claim", "answer", "faq"):
        response = client.post(f"/articles/ask/q/{question.public_id}/{action}/", {"body": "x"})
        assert response.status_code == 404, action
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_queue_is_for_verified_clinicians_with_mfa(client, role):
    _client_for(client, role)
    response = client.get(url("queue"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in MAY_WORK:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_patient_asker_gets_403_on_clinician_actions_for_their_own_question(client):
    question = make_question()
    client.force_login(question.asker)
    assert client.post(url("claim", question)).status_code == 403
    assert client.post(url("answer", question), {"body": "Self-answer"}).status_code == 403
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.SUBMITTED


def test_revoking_verification_removes_queue_access_on_the_next_request(client, clinician):
    client.force_login(clinician)
    assert client.get(url("queue")).status_code == 200
    clinician.clinician_profile.status = VerificationStatus.REVOKED
    clinician.clinician_profile.save()
    assert client.get(url("queue")).status_code == 403


def test_staff_without_the_permission_cannot_open_private_questions_in_admin(client):
    question = make_question()
    staff = make_user(is_staff=True, mfa=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_doctorquestion"))
    client.force_login(staff)
    change = reverse("admin:articles_doctorquestion_change", args=[question.pk])
    assert client.get(change).status_code == 403
    viewer = _private_viewer()
    viewer.user_permissions.add(Permission.objects.get(codename="view_doctorquestion"))
    client.force_login(viewer)
    assert client.get(change).status_code == 200
    log = QuestionAccessLog.objects.get()
    assert (log.viewer_id, log.where) == (viewer.pk, "admin")


# --- Access log -------------------------------------------------------------------------------


def test_each_open_of_a_private_question_by_a_clinician_is_recorded_without_content(
    client, clinician
):
    question = make_question()
    client.force_login(question.asker)
    client.get(url("question", question))
    assert not QuestionAccessLog.objects.exists()
    client.force_login(clinician)
    client.get(url("question", question))
    client.get(url("question", question))
    records = list(QuestionAccessLog.objects.values("viewer_id", "question_id", "viewer_email"))
    assert (
        records
        == [
            {"viewer_id": clinician.pk, "question_id": question.pk, "viewer_email": clinician.email}
        ]
        * 2
    )
    assert "sertraline" not in str(QuestionAccessLog.objects.first())


def test_staff_can_read_the_access_log_in_admin(client, clinician):
    question = make_question()
    client.force_login(clinician)
    client.get(url("question", question))
    admin_user = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin_user)
    response = client.get(reverse("admin:articles_questionaccesslog_changelist"))
    assert response.status_code == 200 and clinician.email.encode() in response.content


# --- Asking -----------------------------------------------------------------------------------


def test_ask_page_shows_the_item_and_the_safety_notices(client, member, article):
    client.force_login(member)
    response = client.get(url("ask", number=article.number))
    content = response.content.decode()
    assert article.title in content
    assert "Not for emergencies" in content and "emergency number" in content
    assert "General information, not a consultation" in content
    assert 'name="visibility"' in content and 'for="id_body"' in content


def test_ask_page_is_404_for_an_unpublished_item(client, member):
    draft = make_article(status=ArticleStatus.DRAFT)
    client.force_login(member)
    assert client.get(url("ask", number=draft.number)).status_code == 404


def test_preview_renders_the_markdown_and_saves_nothing(client, member, article):
    client.force_login(member)
    response = client.post(
        url("ask", number=article.number),
        {"body": "Is **this** safe?", "visibility": "private", "preview": "1"},
    )
    assert b"<strong>this</strong>" in response.content
    assert b"Is **this** safe?" in response.content  # kept in the form
    assert not DoctorQuestion.objects.exists()


def test_asking_creates_the_question_and_shows_its_page_with_status_and_wait(
    client, member, article
):
    client.force_login(member)
    response = client.post(
        url("ask", number=article.number),
        {
            "body": "Does this apply if I also take ibuprofen?",
            "visibility": "publishable",
            "show_handle": "on",
            "age_range": "30_44",
            "conditions": "migraine",
            "medicines": "ibuprofen 200 mg",
        },
        follow=True,
    )
    question = DoctorQuestion.objects.get()
    assert (question.asker, question.article, question.visibility) == (
        member,
        article,
        Visibility.PUBLISHABLE,
    )
    assert question.show_handle and question.medicines == "ibuprofen 200 mg"
    content = response.content.decode()
    assert "Waiting for a clinician" in content
    assert "cannot estimate a wait yet" in content


def test_the_wait_shown_comes_from_real_answer_times(client, member):
    from datetime import timedelta

    from django.utils import timezone

    for days in (1, 1.5, 1.8):
        make_question(status=S.ANSWERED, asked_ago=timedelta(days=days), answered_at=timezone.now())
    question = make_question(asker=member)
    client.force_login(member)
    response = client.get(url("question", question))
    assert b"Most questions are answered within 2 days" in response.content


def test_patients_cannot_set_fields_they_do_not_own(client, member, article):
    clinician = make_clinician()
    client.force_login(member)
    client.post(
        url("ask", number=article.number),
        {
            "body": "A fair question",
            "visibility": "private",
            "status": "answered",
            "claimed_by": clinician.pk,
            "urgent": "on",
            "asker": clinician.pk,
            "public_id": "AAAAAAAAAAAAAAAA",
            "faq_state": "published",
        },
    )
    question = DoctorQuestion.objects.get()
    assert question.status == S.SUBMITTED and question.claimed_by is None
    assert question.asker == member and not question.urgent
    assert question.public_id != "AAAAAAAAAAAAAAAA" and question.faq_state == FaqState.NONE


def test_a_patient_cannot_change_the_visibility_of_someone_elses_question(client, article):
    question = make_question(visibility=Visibility.PRIVATE)
    client.force_login(make_user())
    response = client.post(
        url("ask", number=article.number) + f"?public_id={question.public_id}",
        {"body": "x", "visibility": "publishable"},
    )
    assert response.status_code == 302
    assert DoctorQuestion.objects.get(pk=question.pk).visibility == Visibility.PRIVATE


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   \n\t  ", "cannot be empty"),
        ("x" * 5001, "5,000 characters or fewer"),
        ("null\x00byte", "Null characters are not allowed"),
        ("bell\x07char", "control character"),
    ],
)
def test_bad_question_text_gets_a_message_beside_the_field_and_writes_nothing(
    client, member, article, body, message
):
    client.force_login(member)
    response = client.post(
        url("ask", number=article.number),
        {"body": body, "visibility": "private", "medicines": "kept 10 mg"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    assert "kept 10 mg" in content  # nothing else the member typed is lost
    assert not DoctorQuestion.objects.exists()


def test_hostile_html_is_stored_as_text_and_rendered_safely(client, member, article):
    client.force_login(member)
    client.post(
        url("ask", number=article.number),
        {
            "body": "<script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:x)",
            "visibility": "private",
        },
    )
    question = DoctorQuestion.objects.get()
    assert "<script" not in question.body_html and "<img" not in question.body_html
    assert 'href="javascript' not in question.body_html
    assert "&lt;script&gt;" in question.body_html


def test_an_invalid_visibility_choice_is_refused(client, member, article):
    client.force_login(member)
    response = client.post(url("ask", number=article.number), {"body": "Hi", "visibility": "all"})
    assert response.status_code == 200 and not DoctorQuestion.objects.exists()


def test_unverified_email_cannot_post_a_question(client, article):
    client.force_login(make_user(verified=False))
    response = client.post(
        url("ask", number=article.number), {"body": "Hi", "visibility": "private"}
    )
    assert response.status_code == 403 and not DoctorQuestion.objects.exists()


# --- Clinician work through the pages ----------------------------------------------------------


def test_second_claimer_is_told_who_has_the_question(client, clinician):
    question = make_question()
    client.force_login(clinician)
    client.post(url("claim", question))
    other = make_clinician()
    client.force_login(other)
    response = client.post(url("claim", question), follow=True)
    assert clinician.clinician_profile.full_name in response.content.decode()
    assert DoctorQuestion.objects.get(pk=question.pk).claimed_by_id == clinician.pk


def test_answer_limit_is_20000_characters_with_a_message_beside_the_field(client, clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    client.force_login(clinician)
    response = client.post(url("answer", question), {"body": "y" * 20001})
    assert "20,000 characters or fewer" in response.content.decode()
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.CLAIMED
    response = client.post(url("answer", question), {"body": "y" * 20000})
    assert response.status_code == 302
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.ANSWERED


def test_answer_preview_shows_rendered_text_and_does_not_answer(client, clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    client.force_login(clinician)
    response = client.post(url("answer", question), {"body": "Use *less*", "preview": "1"})
    assert b"<em>less</em>" in response.content
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.CLAIMED


def test_full_exchange_sends_link_only_emails_to_the_asker(
    client, clinician, mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(body="My private words about my liver")
    client.force_login(clinician)
    client.post(url("claim", question))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request-info", question), {"info-body": "Which dose?"})
    client.force_login(question.asker)
    client.post(url("reply", question), {"reply-body": "20 mg"})
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("answer", question), {"body": "That dose is usually fine."})
    assert [m.to for m in mailoutbox] == [[question.asker.email]] * 2
    assert "more information" in mailoutbox[0].subject and "answered" in mailoutbox[1].subject
    for mail in mailoutbox:
        assert question.get_absolute_url() in mail.body
        assert "liver" not in mail.body and "20 mg" not in mail.body and "dose" not in mail.body
    client.force_login(question.asker)
    response = client.get(url("question", question))
    assert b"That dose is usually fine." in response.content


def test_decline_sends_an_email_and_shows_the_care_pointer(
    client, clinician, mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("decline", question),
            {"decline-care": "urgent_care", "decline-reason": "This needs to be seen today."},
        )
    assert len(mailoutbox) == 1 and "seen today" not in mailoutbox[0].body
    client.force_login(question.asker)
    content = client.get(url("question", question)).content.decode()
    assert "Please seek urgent care today" in content and "seen today" in content


def test_asker_withdraws_and_adds_one_follow_up(client):
    waiting = make_question()
    client.force_login(waiting.asker)
    page = client.get(url("question", waiting)).content.decode()
    assert f'href="{url("withdraw", waiting)}"' in page  # a link to the question first
    confirm = client.get(url("withdraw", waiting))
    assert confirm.status_code == 200 and b"Withdraw your question?" in confirm.content
    assert DoctorQuestion.objects.get(pk=waiting.pk).status == S.SUBMITTED
    client.post(url("withdraw", waiting))
    assert DoctorQuestion.objects.get(pk=waiting.pk).status == S.WITHDRAWN
    # Asked again once withdrawn, the page sends the asker back to the question.
    assert client.get(url("withdraw", waiting)).status_code == 302
    answered = make_question(status=S.ANSWERED, asker=waiting.asker)
    response = client.get(url("question", answered))
    assert b"Ask one follow-up question" in response.content
    client.post(url("follow-up", answered), {"follow-body": "And after meals?"})
    response = client.get(url("question", answered))
    assert b"And after meals?" in response.content
    assert b"Ask one follow-up question" not in response.content
    client.post(url("follow-up", answered), {"follow-body": "Another one"})
    assert answered.messages.count() == 1


def test_faq_promotion_through_the_pages(client, mailoutbox, django_capture_on_commit_callbacks):
    question = make_question(status=S.ANSWERED, visibility=Visibility.PUBLISHABLE)
    clinician = question.claimed_by
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("propose-faq", question),
            {"faq-faq_question": "Does it apply on an SSRI?", "faq-faq_answer": "Usually."},
        )
    mail = mailoutbox[-1]
    link = next(line for line in mail.body.splitlines() if "/faq/confirm/" in line)
    path = link.split("testserver", 1)[-1].split("://", 1)[-1]
    path = path[path.index("/articles/") :]
    # Only the asker can use the link.
    client.force_login(make_user())
    assert client.get(path).status_code == 404
    client.force_login(question.asker)
    assert b"Does it apply on an SSRI?" in client.get(path).content
    client.post(path, {"consent": "yes"})
    question.refresh_from_db()
    assert question.faq_state == FaqState.PUBLISHED
    assert question.faq_item.question == "Does it apply on an SSRI?"


# --- Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 2000])
def test_queue_page_query_count_is_fixed(client, clinician, count, django_assert_num_queries):
    article = make_article()
    asker = make_user()
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(
            article=article,
            asker=asker,
            body="q",
            body_html="<p>q</p>",
            excerpt="q",
            public_id=f"{n:016d}",
        )
        for n in range(count)
    )
    client.force_login(clinician)
    # Cold: user+profile (the session comes from the cache), TOTP (permission), the filter's
    # items (then cached), the page's cards with the matching count, the access log of the
    # excerpts listed (one INSERT, issue 9), groups (page chrome), the bell's unread count.
    with django_assert_num_queries(7):
        response = client.get(url("queue"))
    assert response.status_code == 200
    assert response.content.count(b'class="card') == min(count, 50)
    assert QuestionAccessLog.objects.filter(where="queue").count() == min(count, 50)
    with django_assert_num_queries(5):  # warm: the filter's items and the bell from the cache
        assert client.get(url("queue")).status_code == 200


@pytest.mark.parametrize("count", [10, 2000])
def test_my_questions_query_count_is_fixed(client, member, count, django_assert_num_queries):
    article = make_article()
    statuses = [S.SUBMITTED, S.WITHDRAWN, S.CLOSED]
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(
            article=article,
            asker=member,
            body="q",
            body_html="<p>q</p>",
            status=statuses[n % 3],
            public_id=f"{n:016d}",
        )
        for n in range(count)
    )
    client.force_login(member)
    # user+profile (the session comes from the cache), count, rows with items, groups (chrome),
    # the bell's unread count
    with django_assert_num_queries(5):
        response = client.get(url("mine"))
    assert response.status_code == 200
    assert response.content.count(b'class="card') == min(count, 50)


def test_a_follow_up_shows_in_the_answering_clinicians_queue_until_replied(client):
    question = make_question(status=S.ANSWERED)
    clinician = question.claimed_by
    client.force_login(question.asker)
    client.post(url("follow-up", question), {"follow-body": "And on weekends?"})
    client.force_login(clinician)
    mine = client.get(url("queue") + "?view=mine").content.decode()
    assert "Follow-up waiting" in mine and question.public_id in mine
    client.post(url("follow-up-reply", question), {"followreply-body": "Same on weekends."})
    mine = client.get(url("queue") + "?view=mine").content.decode()
    assert question.public_id not in mine


@pytest.mark.parametrize("view", ["waiting", "mine", "needs_info", "answered"])
def test_queue_filters_pick_the_right_questions(client, clinician, view):
    article = make_article()
    other_article = make_article()
    questions = {
        "waiting": make_question(article=article),
        "waiting_elsewhere": make_question(article=other_article),
        "mine": make_question(article=article, status=S.CLAIMED, claimed_by=clinician),
        "needs_info": make_question(article=article, status=S.NEEDS_INFO),
        "answered": make_question(article=article, status=S.ANSWERED),
    }
    client.force_login(clinician)
    content = client.get(url("queue"), {"view": view, "item": article.number}).content.decode()
    shown = {name for name, q in questions.items() if q.public_id in content}
    assert shown == {view}


def test_queue_puts_urgent_first_then_oldest_and_marks_long_waits(client, clinician):
    from datetime import timedelta

    newest = make_question(asked_ago=timedelta(hours=1))
    oldest = make_question(asked_ago=timedelta(hours=60))
    urgent = make_question(asked_ago=timedelta(minutes=5), urgent=True)
    client.force_login(clinician)
    content = client.get(url("queue")).content.decode()
    order = sorted(
        (content.index(q.public_id), name)
        for name, q in {"newest": newest, "oldest": oldest, "urgent": urgent}.items()
    )
    assert [name for _, name in order] == ["urgent", "oldest", "newest"]
    assert content.count("(over 48 hours)") == 1


@pytest.mark.parametrize("exchanges", [0, 2])
def test_question_page_query_count_is_fixed(client, exchanges, django_assert_num_queries):
    question = make_question(status=S.ANSWERED)
    if exchanges:
        asking.add_follow_up(question=question, asker=question.asker, body="More?")
        queue.reply_to_follow_up(
            question_id=question.pk, clinician=question.claimed_by, body="Reply"
        )
    client.force_login(question.claimed_by)
    # user+profile, question with item/asker/holder/answer, TOTP, access record, messages,
    # answer revisions, groups (chrome), the bell's unread count
    with django_assert_num_queries(8):
        response = client.get(url("question", question))
    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, clinician):
    asker = make_user()
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(asker=asker, body="q", body_html="", excerpt="q", public_id=f"{n:016d}")
        for n in range(60)
    )
    client.force_login(clinician)
    for page in ("3", "999999999999999999999999", "-4", "x"):
        response = client.get(url("queue"), {"page": page})
        assert response.status_code == 200
        expected = 1 if page in ("-4", "x") else 2
        assert f"Page {expected} of 2" in response.content.decode()
        assert response.content.count(b'class="card') == (50 if expected == 1 else 10)


def test_a_new_item_shows_in_the_filter_at_once(
    client, clinician, django_capture_on_commit_callbacks
):
    make_question()
    client.force_login(clinician)
    client.get(url("queue"))  # the filter's choices are cached now
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        asking.ask_question(asker=make_user(), article=article, body="Is it safe in pregnancy?")
    assert f'value="{article.number}"' in client.get(url("queue")).content.decode()


@pytest.mark.parametrize("answered", [10, 1000])
def test_askers_question_page_reads_the_wait_with_the_question(
    client, answered, django_assert_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    asker, clinician, article = make_user(), make_clinician(), make_article()
    # Four in five answered within two days, the rest after six: "within 2 days".
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(
            article=article,
            asker=asker,
            body="q",
            body_html="<p>q</p>",
            public_id=f"{n:016d}",
            status=S.ANSWERED,
            claimed_by=clinician,
            asked_at=now - timedelta(days=6 if n % 5 == 0 else 1.5),
            answered_at=now - timedelta(minutes=n),
        )
        for n in range(answered)
    )
    question = make_question(asker=asker)
    client.force_login(asker)
    # user+profile, the question with its item, holder, answer and expected wait, messages,
    # email verified (may the asker follow up), groups (chrome), the bell's unread count
    with django_assert_num_queries(6):
        response = client.get(url("question", question))
    assert "Most questions are answered within 2 days." in response.content.decode()


def test_the_wait_is_not_computed_for_a_clinician_or_a_closed_question(client):
    question = make_question(status=S.ANSWERED)
    assert (
        DoctorQuestion.objects.for_question_page(viewer=question.asker)
        .get(pk=question.pk)
        .expected_wait
        is None
    )
    client.force_login(question.claimed_by)
    assert (
        "Most questions are answered" not in client.get(url("question", question)).content.decode()
    )


def test_queue_count_and_item_filter_come_from_the_one_read(client, clinician):
    first, second, unasked = make_article(), make_article(), make_article()
    make_question(article=first)
    make_question(article=first, status=S.ANSWERED)
    make_question(article=second)
    make_question(article=second)
    client.force_login(clinician)
    content = client.get(url("queue"), {"item": second.number}).content.decode()
    assert "2 questions, urgent first" in content
    assert f'value="{first.number}"' in content and f'value="{second.number}" selected' in content
    assert f'value="{unasked.number}"' not in content
    answered = client.get(url("queue"), {"view": "answered"}).content.decode()
    assert "1 question." in answered


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/articles/99999999999999999999999/ask/", None),
        ("get", "/articles/ask/queue/?item=abc&view=%00&page=zz", None),
        ("get", "/articles/ask/queue/?item=99999999999999999999", None),
        ("get", "/articles/ask/mine/?page=-1", None),
        ("post", "/articles/ask/q/AAAAAAAAAAAAAAAA/claim/", {}),
        ("get", "/articles/ask/q/AAAAAAAAAAAAAAAA/faq/confirm/garbage/", None),
        ("post", "QUESTION/faq/confirm/garbage:token/", {"consent": "yes"}),
        ("post", "QUESTION/decline/", {"decline-care": ["a", "b"], "decline-reason": "\x00"}),
        ("post", "QUESTION/answer/", {"body": ["one", "two"]}),
        ("get", "QUESTION/claim/", None),
    ],
)
def test_malformed_requests_never_produce_a_server_error(client, clinician, method, path, data):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    client.force_login(clinician)
    path = path.replace("QUESTION/", url("question", question))
    response = (
        getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
    )
    assert response.status_code < 500


def test_status_names_who_is_waited_on_from_the_readers_side(client):
    clinician = make_clinician()
    question = make_question()
    queue.claim_question(question_id=question.pk, clinician=clinician)
    queue.request_info(question_id=question.pk, clinician=clinician, body="Which tablet?")
    client.force_login(question.asker)
    asker_page = client.get(question.get_absolute_url()).content.decode()
    assert "Waiting for you" in asker_page and "Waiting for the patient" not in asker_page
    client.force_login(clinician)
    clinician_page = client.get(question.get_absolute_url()).content.decode()
    assert "Waiting for the patient" in clinician_page and "Waiting for you" not in clinician_page
    queue_page = client.get(reverse("articles:ask-doctor-queue") + "?view=needs_info")
    html = queue_page.content.decode()
    assert "Waiting for the patient" in html
    # Cards name the question by when it was asked, never by an id, and show its opening
    # words (issue 9: triage without a click), which is logged like an open.
    assert "Question asked " in html and "takes sertraline every morning?" in html
    assert "**" not in html.split("queue-list", 1)[1]  # plain text, not the Markdown source
    assert f"Question {question.public_id[:6]}" not in html
    assert QuestionAccessLog.objects.filter(
        question=question, viewer=clinician, where="queue"
    ).exists()


def test_staff_read_public_item_numbers_not_database_ids():
    question = make_question()
    assert str(question) == f"Question {question.public_id[:6]} on item #{question.article.number}"


def test_queue_cards_show_the_wait_the_holder_and_the_status(client, clinician):
    from datetime import timedelta

    colleague = make_clinician()
    waiting = make_question(asked_ago=timedelta(hours=60))
    held = make_question(status=S.CLAIMED, claimed_by=colleague, asked_ago=timedelta(hours=5))
    mine = make_question(status=S.CLAIMED, claimed_by=clinician, asked_ago=timedelta(minutes=1))
    client.force_login(clinician)
    content = client.get(url("queue"), {"view": "waiting"}).content.decode()
    card = content[content.index(waiting.public_id[:6]) :]
    assert "Waiting 2 days (over 48 hours)" in card and "Waiting for a clinician" in card
    assert waiting.get_absolute_url() in content
    everything_held = client.get(url("queue"), {"view": "mine"}).content.decode()
    assert "Waiting 1 minute" in everything_held and "held by you" in everything_held
    assert held.public_id not in everything_held and mine.public_id in everything_held
    asking = make_question(status=S.NEEDS_INFO, claimed_by=colleague)
    profile = colleague.clinician_profile
    needs_info = client.get(url("queue"), {"view": "needs_info"}).content.decode()
    assert asking.public_id in needs_info
    assert f"held by {profile.full_name}, {profile.credentials}" in needs_info
    assert asking.get_status_display() in needs_info
