"""Ask-the-doctor actions: one POST view per verb, each a predicate and one service call.

A refused action is 403 for those who may read the question and 404 for everyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import asking, faq, permissions, queue
from .forms import AnswerForm, DeclineForm, FaqProposalForm
from .views import _act, _get_question, _message_form


def _askers_question(request, public_id):
    """A question only its asker may act on (others who may read it get 403)."""
    question = _get_question(request, public_id)
    if question.asker_id != request.user.pk:
        raise PermissionDenied
    return question


def _clinician_question(request, public_id, *, allowed=None):
    question = _get_question(request, public_id)
    if not permissions.is_queue_clinician(request.user):
        raise PermissionDenied
    if allowed is not None and not allowed(request.user, question):
        raise PermissionDenied
    return question


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def ask_doctor_withdraw(request, public_id):
    """GET asks first (what withdrawing means, and a way back); the POST from there withdraws."""
    question = _askers_question(request, public_id)
    if request.method != "POST":
        if not permissions.can_withdraw(request.user, question):
            return redirect(question)
        return render(request, "articles/ask_doctor/withdraw.html", {"question": question})
    return _act(
        request,
        question,
        service=lambda: asking.withdraw_question(question=question, asker=request.user),
        success="Your question was withdrawn.",
    )


@require_POST
@login_required
def ask_doctor_close(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        service=lambda: asking.close_question(question=question, user=request.user),
        success="The question is closed.",
    )


@require_POST
@login_required
def ask_doctor_reply(request, public_id):
    question = _askers_question(request, public_id)
    return _act(
        request,
        question,
        form=_message_form("reply_form", request.POST),
        form_name="reply_form",
        service=lambda body: asking.reply_with_info(
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
        form=_message_form("follow_up_form", request.POST),
        form_name="follow_up_form",
        limit="follow_up",
        service=lambda body: asking.add_follow_up(question=question, asker=request.user, body=body),
        success="Your follow-up was sent to the clinician who answered.",
    )


@require_POST
@login_required
def ask_doctor_claim(request, public_id):
    question = _clinician_question(request, public_id)
    return _act(
        request,
        question,
        service=lambda: queue.claim_question(question_id=question.pk, clinician=request.user),
        success="You hold this question now. Other clinicians see that you are answering it.",
    )


@require_POST
@login_required
def ask_doctor_release(request, public_id):
    question = _clinician_question(request, public_id)
    response = _act(
        request,
        question,
        service=lambda: queue.release_question(question_id=question.pk, clinician=request.user),
        success="The question is back in the queue.",
    )
    return redirect("articles:ask-doctor-queue") if response.status_code == 302 else response


def _clinician_writes(
    request,
    public_id,
    *,
    form_name,
    form_class,
    prefix,
    service,
    success,
    allowed=None,
    preview="body",
):
    question = _clinician_question(request, public_id, allowed=allowed)
    form = form_class(request.POST, **({"prefix": prefix} if prefix else {}))
    return _act(
        request,
        question,
        form=form,
        form_name=form_name,
        preview=preview,
        service=lambda **data: service(question_id=question.pk, clinician=request.user, **data),
        success=success,
    )


@require_POST
@login_required
def ask_doctor_answer(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="answer_form",
        form_class=AnswerForm,
        prefix=None,
        service=queue.answer_question,
        success="Your answer was sent. The asker gets an email with a link to it.",
    )


@require_POST
@login_required
def ask_doctor_request_info(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="info_form",
        form_class=lambda data, **kw: _message_form("info_form", data),
        prefix=None,
        service=queue.request_info,
        success="The asker was asked for more information. Their reply returns the question "
        "to you.",
    )


@require_POST
@login_required
def ask_doctor_decline(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="decline_form",
        form_class=DeclineForm,
        prefix="decline",
        service=queue.decline_question,
        success="The question was declined; the asker was pointed to the right care.",
    )


@require_POST
@login_required
def ask_doctor_edit_answer(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="edit_form",
        form_class=AnswerForm,
        prefix="edit",
        allowed=permissions.can_edit_answer,
        service=queue.edit_answer,
        success="Your answer was updated; the earlier text is kept in its history.",
    )


@require_POST
@login_required
def ask_doctor_follow_up_reply(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="follow_up_reply_form",
        form_class=lambda data, **kw: _message_form("follow_up_reply_form", data),
        prefix=None,
        allowed=permissions.can_edit_answer,
        service=queue.reply_to_follow_up,
        success="Your reply to the follow-up was sent.",
    )


@require_POST
@login_required
def ask_doctor_propose_faq(request, public_id):
    return _clinician_writes(
        request,
        public_id,
        form_name="faq_form",
        form_class=FaqProposalForm,
        prefix="faq",
        allowed=permissions.can_propose_faq,
        preview="faq_answer",
        service=faq.propose_faq,
        success="The asker was emailed a link to confirm. Nothing is published until they do.",
    )


@login_required
def ask_doctor_faq_consent(request, public_id, token):
    question = _get_question(request, public_id)
    if question.asker_id != request.user.pk:
        raise Http404
    valid = faq.check_faq_consent_token(question, token)
    if request.method == "POST":
        consent = request.POST.get("consent") == "yes"
        try:
            faq.confirm_faq(question=question, asker=request.user, token=token, consent=consent)
        except queue.QueueError as error:
            messages.error(request, str(error))
        else:
            if consent:
                messages.success(request, "Thank you. The Q&A now appears in the item's FAQ.")
            else:
                messages.success(request, "Understood. Nothing will be published.")
        return redirect(question)
    return render(
        request,
        "articles/ask_doctor/faq_consent.html",
        {"question": question, "valid": valid and question.faq_state == "pending"},
    )
