"""Account pages: signup, public profile, settings, profile editing, clinician application,
export, deletion and acknowledging a warning. Views are glue: check, call one read or one
service, render."""

import json

from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import deletion, exporting, profiles, ratelimits, sanctions, signals, verification
from .forms import ClinicianApplicationForm, DeleteAccountForm, ProfileForm
from .models import User
from .permissions import can_apply_as_clinician, email_verified, has_mfa


@require_safe
def profile(request, handle):
    member = get_object_or_404(User.objects.for_profile_page(handle))
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "stats": signals.profile_stats(member),
            "is_own": request.user.is_authenticated and request.user.pk == member.pk,
        },
    )


@login_required
@require_safe
def account_settings(request):
    return render(
        request,
        "accounts/settings.html",
        {
            "mfa_on": has_mfa(request.user),
            "clinician_profile": getattr(request.user, "clinician_profile", None),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request):
    # A copy of the user, so a refused edit never shows in the page header.
    instance = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            member = profiles.update_profile(user=request.user, **form.cleaned_data)
        except (IntegrityError, ValidationError):
            form.add_error("handle", "That handle was taken a moment ago. Please choose another.")
        else:
            messages.success(request, "Your profile is saved.")
            return redirect(member)
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def clinician_apply(request):
    current = getattr(request.user, "clinician_profile", None)
    may_apply = can_apply_as_clinician(request.user)
    if request.method == "POST" and not may_apply:
        raise PermissionDenied
    form = None
    if may_apply:
        # A rejected or revoked applicant starts from what they sent last time.
        form = ClinicianApplicationForm(request.POST or None, instance=current)
        if request.method == "POST" and form.is_valid():
            try:
                verification.apply_as_clinician(user=request.user, **form.cleaned_data)
            except verification.VerificationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, "Thank you. Staff will review your application and email you."
                )
            return redirect("accounts:clinician-apply")
    return render(
        request,
        "accounts/clinician_apply.html",
        {
            "form": form,
            "current": current,
            "email_verified": email_verified(request.user),
        },
    )


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request):
    """GET: the page that says what the download holds, with its button (where re-authenticating
    lands, so the member sees it worked); POST: the file."""
    if request.method != "POST":
        return render(request, "accounts/export.html")
    data = exporting.export_data(request.user)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="clinical-context-{stamp}.json"'
    return response


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        deletion.delete_account(user=request.user)
        logout(request)
        # A page of its own: logging out empties the session the flash message would live in.
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form})


@require_safe
def account_deleted(request):
    return render(request, "accounts/deleted.html")


class SignupView(allauth_views.SignupView):
    """allauth's signup, limited per address (RATE_LIMITS["signup"]). Only a valid form
    counts (it would create an account); when the limit is hit the page comes back with the
    message, status 429, and what was typed (passwords are never sent back)."""

    def form_valid(self, form):
        try:
            ratelimits.check("signup", request=self.request)
        except ratelimits.RateLimited as error:
            form.add_error(None, error.message)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(error.retry_after)
            return response
        return super().form_valid(form)


@login_required
@require_POST
def acknowledge_warning(request, pk):
    if sanctions.acknowledge_warning(member=request.user, sanction_id=pk):
        messages.success(request, "Thank you. The warning will not be shown again.")
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe and back.startswith("/") else "home")
