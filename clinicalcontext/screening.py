"""The live check while writing (`screen-draft`): htmx posts the draft a moment after the writer
stops typing and swaps in what the screens found (the crisis lines, the identifier warning) or
nothing. Here on the roof because the forum and ask the doctor both use it.

The draft is every field of the form but its tokens and buttons (`hx-include="closest form"`),
screened and forgotten: never logged, stored or cached (`Cache-Control: no-store`). Members
only: it is a writing aid, not a public screening service. The same panels come back when the
form is submitted, with or without JavaScript.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.antispam import HONEYPOT_FIELD
from text.writing import check_draft, panels_context

NOT_WORDS = {
    "csrfmiddlewaretoken",
    "post",
    "preview",
    "post_anyway",
    "version",
    "category",
    "screening_for",
    HONEYPOT_FIELD,
}
DRAFT_MAX = 25_000  # a title and the longest body; anything longer is not screened past this


def draft_text(data) -> str:
    parts = [
        value
        for name in data
        if name not in NOT_WORDS and not name.endswith("_token")
        for value in data.getlist(name)
    ]
    return "\n\n".join(parts)[:DRAFT_MAX]


@never_cache
@require_POST
def screen_draft(request):
    if not request.user.is_authenticated:
        raise PermissionDenied
    check = check_draft(draft_text(request.POST))
    context = panels_context(request, check)
    # A question to a clinician is not read by everyone, as a forum post is: the warning says so.
    context["for_question"] = request.POST.get("screening_for") == "question"
    return render(request, "safety/panels.html", context)
