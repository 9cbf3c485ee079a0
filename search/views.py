"""The search page: works as a plain GET form; nothing on it needs JavaScript."""

import unicodedata

from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from .forms import SearchForm
from .query import search, suggest

# Of a question being written, the first characters are enough to find what answers it.
SUGGEST_TEXT_LIMIT = 2000


def _printable(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n\r")


@require_safe
def search_page(request):
    form = SearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = search(
            data["q"],
            viewer=request.user,
            kinds=tuple(data["kind"]),
            section=data["section"],
            topic=data["topic"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            page=data["page"] or 1,
        )
    elif form.is_bound and "q" in form.errors:
        # Show what was typed, minus what cannot be shown (NUL and other control characters).
        form.data = form.data.copy()
        form.data["q"] = _printable(form.data.get("q", ""))
    others = request.GET.copy()
    others.pop("page", None)
    return render(
        request,
        "search/search.html",
        {"form": form, "results": results, "page_query": others.urlencode()},
    )


@require_POST
def suggestions(request):
    """ "Already answered?": published Q&As matching a question as it is being written.

    POST, never GET: the text may be health information and must not end up in a URL (access
    logs, history, referrers). Called by htmx from the ask forms, which send their own fields
    (the question is `body`, or `q`) and CSRF token; returns an HTML fragment.
    """
    text = (request.POST.get("body") or request.POST.get("q") or "")[:SUGGEST_TEXT_LIMIT]
    hits = suggest(text, viewer=request.user)
    return render(request, "search/_suggestions.html", {"hits": hits, "asked": bool(text.strip())})
