"""The linked clinician reads an item's commentary and confirms it as theirs (articles/review.py).

Only that verified clinician may open the page (others: 404 if they may not preview the item,
else a 403 that says who confirms); it shows the text exactly as readers will read it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.refusals import Refusal

from . import review
from .models import Article
from .permissions import can_preview


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commentary_confirm(request, number):
    article = get_object_or_404(Article.objects.select_related("commentator"), number=number)
    if not review.can_confirm_commentary(request.user, article):
        if not can_preview(request.user, article):
            raise Http404
        raise Refusal(
            "Only the verified clinician linked to the commentary can confirm it.",
            next_step="Send them this page's address; they confirm it while signed in.",
            link_url=article.get_absolute_url(),
            link_text="Back to the item",
        )
    error = ""
    if request.method == "POST":
        try:
            review.confirm_commentary(
                article=article, clinician=request.user, digest=request.POST.get("digest", "")
            )
        except review.ReviewError as refused:
            error = str(refused)
            article.refresh_from_db()
        else:
            messages.success(request, "Thank you: the commentary is confirmed as yours.")
            return redirect("articles:commentary-confirm", number=article.number)
    return render(request, "articles/commentary_confirm.html", {"article": article, "error": error})
