from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.permissions import is_moderator, is_verified_clinician

from . import emails, follows, preferences, services
from .forms import PreferencesForm, kinds_for
from .models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.for_list_page(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Follow a notification's link; opening it marks it read."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_id=notification.pk)
    return redirect(notification.url)


@login_required
@require_POST
def notification_mark_read(request, pk):
    get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, f"Marked {count} notification(s) as read.")
    return redirect("notifications:list")


@login_required
def notification_preferences(request):
    kinds = kinds_for(
        is_clinician=is_verified_clinician(request.user), is_moderator=is_moderator(request.user)
    )
    current = preferences.all_preferences(user_id=request.user.pk)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        preferences.save_preferences(user_id=request.user.pk, choices=form.choices())
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/notification_preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST here with no cookie and no token
def unsubscribe(request, token):
    """One-click unsubscribe, no login: GET shows a button, POST (from it or a mail client)
    stops the email. A link scanner's GET changes nothing."""
    found = emails.read_unsubscribe_token(token)
    if found is None:
        raise Http404("This unsubscribe link is not valid.")
    user_id, scope = found
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise Http404("This unsubscribe link is not valid.")
    context = {"label": emails.scope_label(scope), "token": token, "done": False}
    if request.method == "POST":
        kinds = emails.kinds_for_scope(user_id=user_id, scope=scope)
        preferences.stop_email(user_id=user_id, kinds=kinds)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def follow(request):
    key = request.POST.get("key", "")
    target = follows.resolve(key)
    if target is None:
        raise Http404("There is nothing to follow here.")
    if request.POST.get("action") == "unfollow":
        follows.unfollow(user=request.user, key=key)
        messages.success(request, f"You no longer follow {target.label}.")
    else:
        follows.follow(user=request.user, key=key)
        messages.success(request, f"You follow {target.label}. New items reach your notifications.")
    return redirect(_back(request, target.url))
