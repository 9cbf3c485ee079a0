"""Ask-the-doctor views: glue between the request, the predicates and the services.

Pages read through one QuerySet method each (`for_queue_page`, `for_question_page`, ...);
actions are POST-only and go through one service each, via `_act`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import ratelimits
from accounts.refusals import clinician_refusal
from text.markup import render_markdown
from text.screening.resources import crisis_resources_for

from ..models import Article, DoctorQuestion, MessageKind
from ..models.ask_doctor import wait_in_days
from . import asking, permissions, queue, safety
from .cards import render_cards
from .forms import (
    QUEUE_ABOUT,
    QUEUE_VIEWS,
    AnswerForm,
    DeclineForm,
    FaqProposalForm,
    MessageForm,
    QuestionForm,
    QueueFilterForm,
)
from .integration import article_block_context

PAGE_SIZE = 50
ASK_TEMPLATE = "articles/ask_doctor/ask.html"
MAX_PAGE = 100_000  # beyond any real queue; keeps the OFFSET inside the database's integers
_EXCHANGE_KINDS = (MessageKind.INFO_REQUEST, MessageKind.INFO_REPLY)

# Each form on the question page: (context name, label of its text field, prefix).
MESSAGE_FORMS = {
    "info_form": ("What do you need to know?", "info"),
    "reply_form": ("Your reply to the clinician", "reply"),
    "follow_up_form": ("Your follow-up question", "follow"),
    "follow_up_reply_form": ("Your reply to the follow-up", "followreply"),
}


def _message_form(name: str, data=None) -> MessageForm:
    label, prefix = MESSAGE_FORMS[name]
    return MessageForm(data, label=label, prefix=prefix)


def ask_doctor_home(request):
    is_clinician = permissions.is_queue_clinician(request.user)
    return render(request, "articles/ask_doctor/home.html", {"is_clinician": is_clinician})


def _answered_links() -> dict:
    """Where "already answered?" comes from: search, a higher floor, wired in by the settings
    (`ASK_DOCTOR_ANSWERED`: URL names), so that articles neither imports nor names it."""
    names = getattr(settings, "ASK_DOCTOR_ANSWERED", {})
    return {
        "suggestions_url": reverse(names["suggestions"]) if names.get("suggestions") else "",
        "answered_search_url": reverse(names["search"]) + "?kind=qa" if names.get("search") else "",
    }


def ask_doctor_ask(request, number):
    article = get_object_or_404(Article.objects.for_ask_page(), number=number)
    return _ask(request, article)


def ask_doctor_ask_general(request):
    """A question about no particular item, from the "Ask a clinician" page."""
    return _ask(request, None)


def _ask(request, article):
    can_ask = permissions.can_ask(request.user)
    links = _answered_links()
    form = QuestionForm(request.POST or None, suggestions_url=links["suggestions_url"])
    context = {"form": form, "can_ask": can_ask, "preview_html": "", **links}
    if article is not None:
        context.update(article_block_context(article, request.user))
    if request.method == "POST":
        if not can_ask:
            raise PermissionDenied
        # Before it is sent (a preview, a refusal; also without JavaScript): the crisis lines.
        context["crisis_resources"] = _crisis_lines(request, request.POST.get("body", ""))
        if form.is_valid():
            if "preview" in request.POST:
                context["preview_html"] = render_markdown(form.cleaned_data["body"])
            else:
                return _send_question(request, article, form, context)
    return render(request, ASK_TEMPLATE, context)


def _crisis_lines(request, text: str):
    """The crisis lines for the reader's country when `text` tells of danger now, else None."""
    return crisis_resources_for(request) if safety.crisis_kind_in(text) else None


def _send_question(request, article, form, context):
    """Send a valid question, or say why not next to the form with everything kept."""
    try:
        ratelimits.check("ask", request=request)
        question = asking.ask_question(asker=request.user, article=article, **form.cleaned_data)
    except ratelimits.RateLimited as error:
        return ratelimits.refused_form_response(
            request, ASK_TEMPLATE, context, form=form, error=error
        )
    except asking.IdenticalQuestion as error:
        form.add_error("body", str(error))
    except queue.QueueError as error:
        form.add_error(None, str(error))
    else:
        messages.success(request, _sent_message(question))
        return redirect(question)
    return render(request, ASK_TEMPLATE, context)


def _sent_message(question) -> str:
    if question.urgent:
        return (
            "Your question is with the clinicians, at the top of their queue. If you are in "
            "danger now, please contact one of the services below straight away."
        )
    return "Your question was sent to the clinicians."


@login_required
def ask_doctor_mine(request):
    questions = DoctorQuestion.objects.for_my_questions_page(asker=request.user)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/ask_doctor/mine.html", {"page": page})


@login_required
def ask_doctor_queue(request):
    if not permissions.is_queue_clinician(request.user):
        raise clinician_refusal(request.user)
    filter_form = QueueFilterForm(request.GET)
    view, item, about = filter_form.filters()
    queue_page = DoctorQuestion.objects.for_queue_page(
        view=view,
        clinician=request.user,
        article_number=item,
        about=about,
        page=_page_number(request),
        per_page=PAGE_SIZE,
    )
    queue.record_listing(cards=queue_page.cards, viewer=request.user)
    page = _counted_page(queue_page)
    context = {
        "page": page,
        "cards_html": render_cards(queue_page.cards),
        "view": view,
        "item": item,
        "about": about,
        "abouts": list(QUEUE_ABOUT.items()),
        "views": QUEUE_VIEWS,
        "items": queue_page.items,
        "filter_form": filter_form,
    }
    return render(request, "articles/ask_doctor/queue.html", context)


def _page_number(request) -> int:
    """The page asked for; anything malformed is the first (as Paginator.get_page)."""
    try:
        return min(max(1, int(request.GET.get("page", 1))), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _counted_page(queue_page) -> Page:
    """A paginator's page around cards the read already sliced and counted (for _pages.html)."""
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = queue_page.count
    return Page(queue_page.cards, queue_page.number, paginator)


def _get_question(request, public_id) -> DoctorQuestion:
    """The question, or 404 to anyone who may not know it exists."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    with_history = permissions.is_queue_clinician(user)
    questions = DoctorQuestion.objects.for_question_page(viewer=user, with_history=with_history)
    question = questions.filter(public_id=public_id).first()
    if question is None or not permissions.can_view(user, question):
        raise Http404
    return question


@login_required
def ask_doctor_question(request, public_id):
    question = _get_question(request, public_id)
    queue.record_access(question=question, viewer=request.user)
    return _render_question(request, question)


def _page_context(request, question) -> dict:
    user = request.user
    thread = list(question.messages.all())
    answer = permissions.answer_of(question)
    is_asker = question.asker_id == user.pk
    is_clinician = permissions.is_queue_clinician(user)
    has_follow_up = any(m.kind == MessageKind.FOLLOW_UP for m in thread)
    has_reply = any(m.kind == MessageKind.FOLLOW_UP_REPLY for m in thread)
    return {
        "question": question,
        "exchanges": [m for m in thread if m.kind in _EXCHANGE_KINDS],
        "follow_ups": [m for m in thread if m.kind not in _EXCHANGE_KINDS],
        "answer": answer,
        "revisions": list(answer.revisions.all()) if answer and is_clinician else [],
        "is_asker": is_asker,
        "is_clinician": is_clinician,
        # The asker of a question the crisis screen flagged sees the crisis lines first.
        "crisis_resources": (
            crisis_resources_for(request) if is_asker and question.crisis_kind else None
        ),
        "expected_wait_days": wait_in_days(question.expected_wait),
        "can_claim": permissions.can_claim(user, question),
        "can_release": permissions.can_release(user, question),
        "can_answer": permissions.can_answer(user, question),
        "can_decline": permissions.can_decline(user, question),
        "can_withdraw": permissions.can_withdraw(user, question),
        "can_reply_info": permissions.can_reply_with_info(user, question),
        "can_follow_up": permissions.can_follow_up(user, question, has_follow_up=has_follow_up),
        "can_close": is_asker and permissions.can_close(user, question),
        "can_edit_answer": permissions.can_edit_answer(user, question),
        "can_reply_follow_up": permissions.can_reply_to_follow_up(
            user, question, has_follow_up=has_follow_up, has_reply=has_reply
        ),
        "can_propose_faq": permissions.can_propose_faq(user, question),
    }


def _render_question(request, question, *, status=200, **forms):
    context = _page_context(request, question)
    answer = context["answer"]
    context.update({name: forms.get(name) or _message_form(name) for name in MESSAGE_FORMS})
    context["answer_form"] = forms.get("answer_form") or AnswerForm()
    context["decline_form"] = forms.get("decline_form") or DeclineForm(prefix="decline")
    context["edit_form"] = forms.get("edit_form") or AnswerForm(
        prefix="edit", initial={"body": answer.body if answer else ""}
    )
    context["faq_form"] = forms.get("faq_form") or FaqProposalForm(
        prefix="faq",
        initial={
            "faq_question": question.faq_question,
            "faq_answer": question.faq_answer or (answer.body if answer else ""),
        },
    )
    context["preview_html"] = forms.get("preview_html", "")
    context["preview_for"] = forms.get("preview_for", "")
    return render(request, "articles/ask_doctor/question.html", context, status=status)


def _act(request, question, *, form=None, form_name="", preview="body", limit="", service, success):
    """Validate `form`, show a preview of its `preview` field if asked, else call the service
    (after the `limit` rate-limit scope, if any: refused, the form again with status 429)."""
    if form is not None and not form.is_valid():
        return _render_question(request, question, **{form_name: form})
    if form is not None and "preview" in request.POST and preview in form.cleaned_data:
        html = render_markdown(form.cleaned_data[preview])
        return _render_question(
            request, question, **{form_name: form, "preview_html": html, "preview_for": form_name}
        )
    if limit:
        try:
            ratelimits.check(limit, request=request)
        except ratelimits.RateLimited as error:
            form.add_error(None, error.message)
            response = _render_question(request, question, status=429, **{form_name: form})
            response["Retry-After"] = str(error.retry_after)
            return response
    try:
        service(**(form.cleaned_data if form is not None else {}))
    except queue.QueueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(question)
