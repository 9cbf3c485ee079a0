"""Ask-the-doctor views: glue between the request, the predicates and `ask_doctor` services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import can_answer_questions
from text.markup import render_markdown

from . import ask_doctor
from .ask_doctor_forms import (
    QUEUE_VIEWS,
    AnswerForm,
    DeclineForm,
    FaqProposalForm,
    MessageForm,
    QuestionForm,
    QueueFilterForm,
)
from .models import Article, DoctorQuestion, MessageKind, QuestionStatus
from .models.ask_doctor import OPEN_STATUSES

PAGE_SIZE = 50
_EXCHANGE_KINDS = (MessageKind.INFO_REQUEST, MessageKind.INFO_REPLY)


def ask_doctor_home(request):
    return render(
        request,
        "articles/ask_doctor/home.html",
        {"is_clinician": can_answer_questions(request.user)},
    )


def ask_doctor_ask(request, number):
    article = get_object_or_404(Article.objects.public().select_related("section"), number=number)
    can_ask = ask_doctor.can_ask(request.user)
    form = QuestionForm(request.POST or None)
    preview_html = ""
    if request.method == "POST":
        if not can_ask:
            raise PermissionDenied
        if form.is_valid():
            if "preview" in request.POST:
                preview_html = render_markdown(form.cleaned_data["body"])
            else:
                try:
                    question = ask_doctor.ask_question(
                        asker=request.user, article=article, **form.cleaned_data
                    )
                except ask_doctor.QueueError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Your question was sent to the clinicians.")
                    return redirect(question)
    return render(
        request,
        "articles/ask_doctor/ask.html",
        {
            "article": article,
            "form": form,
            "can_ask": can_ask,
            "preview_html": preview_html,
            **ask_doctor.article_block_context(article, request.user),
        },
    )


@login_required
def ask_doctor_mine(request):
    questions = DoctorQuestion.objects.for_my_questions_page(asker=request.user)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/ask_doctor/mine.html", {"page": page})


@login_required
def ask_doctor_queue(request):
    if not can_answer_questions(request.user):
        raise PermissionDenied
    filter_form = QueueFilterForm(request.GET)
    view, item = filter_form.filters()
    questions = DoctorQuestion.objects.for_queue_page(
        view=view, clinician=request.user, article_number=item
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    items = Article.objects.filter(pk__in=DoctorQuestion.objects.values("article_id")).order_by(
        "number"
    )
    return render(
        request,
        "articles/ask_doctor/queue.html",
        {
            "page": page,
            "view": view,
            "item": item,
            "views": QUEUE_VIEWS,
            "items": items.only("number", "title"),
            "filter_form": filter_form,
        },
    )


def _get_question(request, public_id) -> DoctorQuestion:
    """The question, or 404 to anyone who may not know it exists."""
    if not request.user.is_authenticated:
        raise Http404
    question = DoctorQuestion.objects.for_question_page().filter(public_id=public_id).first()
    if question is None or not ask_doctor.can_view_question(request.user, question):
        raise Http404
    return question


@login_required
def ask_doctor_question(request, public_id):
    question = _get_question(request, public_id)
    ask_doctor.record_access(question=question, viewer=request.user)
    return _render_question(request, question)


def _render_question(request, question, *, status=200, **forms):
    user = request.user
    thread = list(question.messages.select_related("author__clinician_profile"))
    answer = ask_doctor._answer_or_none(question)
    is_asker = question.asker_id == user.pk
    is_clinician = can_answer_questions(user)
    has_follow_up = any(m.kind == MessageKind.FOLLOW_UP for m in thread)
    has_follow_up_reply = any(m.kind == MessageKind.FOLLOW_UP_REPLY for m in thread)
    holds = ask_doctor.can_work_on(user, question)
    can_edit_answer = ask_doctor.can_edit_answer(user, question)
    context = {
        "question": question,
        "exchanges": [m for m in thread if m.kind in _EXCHANGE_KINDS],
        "follow_ups": [m for m in thread if m.kind not in _EXCHANGE_KINDS],
        "answer": answer,
        "revisions": list(answer.revisions.all()) if answer and is_clinician else [],
        "is_asker": is_asker,
        "is_clinician": is_clinician,
        "expected_wait_days": (
            ask_doctor.expected_wait_days() if is_asker and question.is_open else None
        ),
        "can_claim": is_clinician and question.status == QuestionStatus.SUBMITTED,
        "can_release": holds and question.status in OPEN_STATUSES,
        "can_answer": holds and question.status == QuestionStatus.CLAIMED,
        "can_decline": holds and question.status in OPEN_STATUSES,
        "can_withdraw": ask_doctor.can_withdraw(user, question),
        "can_reply_info": ask_doctor.can_reply_with_info(user, question),
        "can_follow_up": ask_doctor.can_follow_up(user, question, has_follow_up=has_follow_up),
        "can_close": is_asker and question.status in ask_doctor.TRANSITIONS_TO("closed"),
        "can_edit_answer": can_edit_answer,
        "can_reply_follow_up": can_edit_answer and has_follow_up and not has_follow_up_reply,
        "can_propose_faq": ask_doctor.can_propose_faq(user, question),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "info_form": forms.get("info_form")
        or MessageForm(label="What do you need to know?", prefix="info"),
        "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
        "reply_form": forms.get("reply_form")
        or MessageForm(label="Your reply to the clinician", prefix="reply"),
        "follow_up_form": forms.get("follow_up_form")
        or MessageForm(label="Your follow-up question", prefix="follow"),
        "follow_up_reply_form": forms.get("follow_up_reply_form")
        or MessageForm(label="Your reply to the follow-up", prefix="followreply"),
        "edit_form": forms.get("edit_form")
        or AnswerForm(prefix="edit", initial={"body": answer.body if answer else ""}),
        "faq_form": forms.get("faq_form")
        or FaqProposalForm(
            prefix="faq",
            initial={
                "faq_question": question.faq_question,
                "faq_answer": question.faq_answer or (answer.body if answer else ""),
            },
        ),
        "preview_html": forms.get("preview_html", ""),
        "preview_for": forms.get("preview_for", ""),
    }
    return render(request, "articles/ask_doctor/question.html", context, status=status)


def _act(request, question, *, form=None, form_name="", preview="body", service, success):
    """Validate `form`, show a preview of its `preview` field if asked, else call the service."""
    if form is not None and not form.is_valid():
        return _render_question(request, question, **{form_name: form})
    if form is not None and "preview" in request.POST and preview in form.cleaned_data:
        html = render_markdown(form.cleaned_data[preview])
        return _render_question(
            request, question, **{form_name: form, "preview_html": html, "preview_for": form_name}
        )
    try:
        service(**(form.cleaned_data if form is not None else {}))
    except ask_doctor.QueueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(question)


def _askers_question(request, public_id) -> DoctorQuestion:
    """A question only its asker may act on (others who may read it get 403)."""
    question = _get_question(request, public_id)
    if question.asker_id != request.user.pk:
        raise PermissionDenied
    return question


@require_POST
@login_required
def ask_doctor_withdraw(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        service=lambda: ask_doctor.withdraw_question(question=question, asker=request.user),
        success="Your question was withdrawn.",
    )


@require_POST
@login_required
def ask_doctor_close(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        service=lambda: ask_doctor.close_question(question=question, user=request.user),
        success="The question is closed.",
    )


@require_POST
@login_required
def ask_doctor_reply(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        form=MessageForm(request.POST, label="Your reply to the clinician", prefix="reply"),
        form_name="reply_form",
        service=lambda body: ask_doctor.reply_with_info(
            question=question, asker=request.user, body=body
        ),
        success="Thank you. Your reply went back to the clinician.",
    )


@require_POST
@login_required
def ask_doctor_follow_up(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        form=MessageForm(request.POST, label="Your follow-up question", prefix="follow"),
        form_name="follow_up_form",
        service=lambda body: ask_doctor.add_follow_up(
            question=question, asker=request.user, body=body
        ),
        success="Your follow-up was sent to the clinician who answered.",
    )


def _clinician_question(request, public_id) -> DoctorQuestion:
    question = _get_question(request, public_id)
    if not can_answer_questions(request.user):
        raise PermissionDenied
    return question


@require_POST
@login_required
def ask_doctor_claim(request, public_id):
    question = _clinician_question(request, public_id)
    return _act(
        request,
        question,
        service=lambda: ask_doctor.claim_question(question_id=question.pk, clinician=request.user),
        success="You hold this question now. Other clinicians see that you are answering it.",
    )


@require_POST
@login_required
def ask_doctor_release(request, public_id):
    question = _clinician_question(request, public_id)
    response = _act(
        request,
        question,
        service=lambda: ask_doctor.release_question(
            question_id=question.pk, clinician=request.user
        ),
        success="The question is back in the queue.",
    )
    return redirect("articles:ask-doctor-queue") if response.status_code == 302 else response


@require_POST
@login_required
def ask_doctor_answer(request, public_id):
    question = _clinician_question(request, public_id)
    return _act(
        request,
        question,
        form=AnswerForm(request.POST),
        form_name="answer_form",
        service=lambda body: ask_doctor.answer_question(
            question_id=question.pk, clinician=request.user, body=body
        ),
        success="Your answer was sent. The asker gets an email with a link to it.",
    )


@require_POST
@login_required
def ask_doctor_request_info(request, public_id):
    question = _clinician_question(request, public_id)
    return _act(
        request,
        question,
        form=MessageForm(request.POST, label="What do you need to know?", prefix="info"),
        form_name="info_form",
        service=lambda body: ask_doctor.request_info(
            question_id=question.pk, clinician=request.user, body=body
        ),
        success="The asker was asked for more information. Their reply returns the question "
        "to you.",
    )


@require_POST
@login_required
def ask_doctor_decline(request, public_id):
    question = _clinician_question(request, public_id)
    return _act(
        request,
        question,
        form=DeclineForm(request.POST, prefix="decline"),
        form_name="decline_form",
        service=lambda care, reason: ask_doctor.decline_question(
            question_id=question.pk, clinician=request.user, reason=reason, care=care
        ),
        success="The question was declined; the asker was pointed to the right care.",
    )


@require_POST
@login_required
def ask_doctor_edit_answer(request, public_id):
    question = _clinician_question(request, public_id)
    if not ask_doctor.can_edit_answer(request.user, question):
        raise PermissionDenied
    return _act(
        request,
        question,
        form=AnswerForm(request.POST, prefix="edit"),
        form_name="edit_form",
        service=lambda body: ask_doctor.edit_answer(
            question_id=question.pk, clinician=request.user, body=body
        ),
        success="Your answer was updated; the earlier text is kept in its history.",
    )


@require_POST
@login_required
def ask_doctor_follow_up_reply(request, public_id):
    question = _clinician_question(request, public_id)
    if not ask_doctor.can_edit_answer(request.user, question):
        raise PermissionDenied
    return _act(
        request,
        question,
        form=MessageForm(request.POST, label="Your reply to the follow-up", prefix="followreply"),
        form_name="follow_up_reply_form",
        service=lambda body: ask_doctor.reply_to_follow_up(
            question_id=question.pk, clinician=request.user, body=body
        ),
        success="Your reply to the follow-up was sent.",
    )


@require_POST
@login_required
def ask_doctor_propose_faq(request, public_id):
    question = _clinician_question(request, public_id)
    if not ask_doctor.can_propose_faq(request.user, question):
        raise PermissionDenied
    return _act(
        request,
        question,
        form=FaqProposalForm(request.POST, prefix="faq"),
        form_name="faq_form",
        preview="faq_answer",
        service=lambda faq_question, faq_answer: ask_doctor.propose_faq(
            question_id=question.pk,
            clinician=request.user,
            faq_question=faq_question,
            faq_answer=faq_answer,
        ),
        success="The asker was emailed a link to confirm. Nothing is published until they do.",
    )


@login_required
def ask_doctor_faq_consent(request, public_id, token):
    question = _get_question(request, public_id)
    if question.asker_id != request.user.pk:
        raise Http404
    valid = ask_doctor.check_faq_consent_token(question, token)
    if request.method == "POST":
        try:
            ask_doctor.confirm_faq(
                question=question,
                asker=request.user,
                token=token,
                consent=request.POST.get("consent") == "yes",
            )
        except ask_doctor.QueueError as error:
            messages.error(request, str(error))
        else:
            if request.POST.get("consent") == "yes":
                messages.success(request, "Thank you. The Q&A now appears in the item's FAQ.")
            else:
                messages.success(request, "Understood. Nothing will be published.")
        return redirect(question)
    return render(
        request,
        "articles/ask_doctor/faq_consent.html",
        {"question": question, "valid": valid and question.faq_state == "pending"},
    )
