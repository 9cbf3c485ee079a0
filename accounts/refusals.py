"""Why a page is refused, and what the person can do next: every 403 says both, with a link.

A view that knows the reason raises `Refusal(reason, next_step=..., link=...)` (a
PermissionDenied, so Django's handler403 renders it). A bare PermissionDenied, or one with only
a message, is explained from the facts about the user by `explain()`: not signed in, email not
verified, suspended or banned, two-factor not set up, clinician verification pending. The 403
template renders whatever `explain()` returns.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from .permissions import email_verified, has_mfa, is_restricted
from .sanctions import active_restriction


@dataclass(frozen=True)
class Explanation:
    reason: str
    next_step: str
    link_url: str
    link_text: str


class Refusal(PermissionDenied):
    """PermissionDenied that names the reason and the next step (a URL and its link text)."""

    def __init__(
        self, reason: str, *, next_step: str = "", link_url: str = "", link_text: str = ""
    ):
        super().__init__(reason)
        self.explanation = Explanation(reason, next_step, link_url, link_text)

    @classmethod
    def of(cls, explanation: Explanation) -> "Refusal":
        return cls(
            explanation.reason,
            next_step=explanation.next_step,
            link_url=explanation.link_url,
            link_text=explanation.link_text,
        )


def _login(request_path: str) -> Explanation:
    return Explanation(
        "This page is only for members who are signed in.",
        "Sign in, and you will come straight back here.",
        f"{reverse('account_login')}?next={request_path}",
        "Sign in",
    )


def _verify_email() -> Explanation:
    return Explanation(
        "Your email address is not verified yet.",
        "Open the link in the email we sent you, or send a new one from your email settings.",
        reverse("account_email"),
        "Email settings",
    )


def _set_up_two_factor(what: str) -> Explanation:
    return Explanation(
        f"{what} needs two-factor authentication, and your account does not have it yet.",
        "Set it up with an authenticator app (it takes about two minutes), then come back.",
        reverse("mfa_activate_totp"),
        "Set up two-factor authentication",
    )


def restriction_refusal(user) -> Explanation:
    """Why a suspended or banned member cannot post, and what they can still do."""
    sanction = active_restriction(user)
    if sanction is not None and sanction.kind == "suspension":
        until = timezone.localtime(sanction.ends_at)
        reason = f"Your account is suspended until {until:%-d %B %Y, %H:%M} ({until:%Z})."
    else:
        reason = "Your account is banned from posting."
    if sanction is not None:
        reason += f" The moderators' reason: {sanction.reason}"
    return Explanation(
        reason,
        "Until then you can still read everything, download your data or delete your "
        "account. A suspension ends by itself.",
        reverse("accounts:settings"),
        "Account settings",
    )


def _staff_role(user) -> str:
    """What a staff member's access is called, for the two-factor sentence."""
    profile = getattr(user, "clinician_profile", None)
    if profile is not None and profile.is_verified:
        return "The clinicians' queue"
    return "Staff work" if user.is_staff or user.groups.exists() else ""


def clinician_refusal(user) -> Refusal:
    """Why the clinicians' pages are closed to this member, and what to do next."""
    if not user.is_authenticated or not email_verified(user):
        return Refusal.of(explain(user, None))
    profile = getattr(user, "clinician_profile", None)
    if profile is None or profile.status in {"rejected", "revoked"}:
        return Refusal(
            "This page is for verified clinicians, and your account is not verified as one.",
            next_step="If you are a licensed clinician, apply for verification; staff check "
            "your licence, usually within two working days.",
            link_url=reverse("accounts:clinician-apply"),
            link_text="Apply for clinician verification",
        )
    if not profile.is_verified:
        return Refusal(
            "Your clinician verification is still being reviewed.",
            next_step="We will email you when staff have checked it. Meanwhile you can read "
            "and take part in the forum as a member.",
            link_url=reverse("accounts:clinician-apply"),
            link_text="See your application",
        )
    if not has_mfa(user):
        return Refusal.of(_set_up_two_factor("The clinicians' queue"))
    return Refusal(
        "Your clinician account does not have access to the queue right now.",
        next_step="Write to the site's staff from the contact address in your approval email.",
        link_url=reverse("home"),
        link_text="Go to the home page",
    )


def explain(user, exception, request_path: str = "/") -> Explanation:
    """The reason and next step for a 403: the view's own words if it gave them, else the
    first thing the user is missing, else a plain statement with a way back."""
    explanation = getattr(exception, "explanation", None)
    if isinstance(explanation, Explanation):
        return explanation
    if not user.is_authenticated:
        return _login(request_path)
    if not email_verified(user):
        return _verify_email()
    if is_restricted(user):
        return restriction_refusal(user)
    if (what := _staff_role(user)) and not has_mfa(user):
        return _set_up_two_factor(what)
    message = str(exception or "").strip()
    return Explanation(
        message or "This page or action is for a particular role, and your account lacks it.",
        "If you think you should have access, ask the person who gave you your role; "
        "otherwise carry on from the home page.",
        reverse("home"),
        "Go to the home page",
    )
