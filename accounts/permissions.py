"""Who may do what: one predicate per rule, called by views and passed to templates.

Roles are model permissions, asked with `user.has_perm(...)`: the role groups (accounts/roles.py)
are given them by each app's migrations, and an admin who edits a group's permissions changes
what its members may do from their next request on. No predicate reads a group's name. Facts
that are not permissions (active, email verified, verified clinician, MFA) are checked beside
them. Staff powers need MFA: a stolen password alone must not open the admin or the queue.
"""

from functools import cached_property

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

MODERATE = "forum.moderate_thread"
PUBLISH = "articles.publish_article"


class _Facts:
    """What the predicates need to know about one user, each fact fetched at most once."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def has_mfa(self) -> bool:
        return Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP).exists()

    @cached_property
    def email_verified(self) -> bool:
        return EmailAddress.objects.filter(
            user=self.user, email__iexact=self.user.email, verified=True
        ).exists()


def _facts(user) -> _Facts:
    # Cached on the user object, which Django builds anew for every request: a revoked role
    # or a removed authenticator counts from the next request on.
    facts = getattr(user, "_permission_facts", None)
    if facts is None:
        facts = user._permission_facts = _Facts(user)
    return facts


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.deleted_at is None)


def has_mfa(user) -> bool:
    return _active(user) and _facts(user).has_mfa


def email_verified(user) -> bool:
    return _active(user) and _facts(user).email_verified


def is_restricted(user) -> bool:
    """Suspended or banned now. Read from the user row itself: no query (accounts/sanctions.py)."""
    return _active(user) and user.is_restricted


def can_participate(user) -> bool:
    """May post, reply, react, ask, follow up or report: a signed-in member with a verified
    email who is not suspended or banned. Reading, export and deletion do not ask this."""
    return email_verified(user) and not user.is_restricted


def is_verified_clinician(user) -> bool:
    """Verified by staff and not revoked. The badge shows on this alone."""
    if not _active(user):
        return False
    # The auth backend selects the profile with the user, so this costs no query.
    profile = getattr(user, "clinician_profile", None)  # missing profile: AttributeError
    return profile is not None and profile.is_verified


def _has(user, permission: str) -> bool:
    # has_perm caches every permission of the user on the user object in one query
    # (accounts.backends), so asking several predicates costs that query once.
    return _active(user) and user.has_perm(permission)


def is_moderator(user) -> bool:
    """Moderation powers: the moderate-threads permission, with MFA."""
    return _has(user, MODERATE) and has_mfa(user)


def is_editor(user) -> bool:
    """Publishing powers: the publish permission, with MFA."""
    return _has(user, PUBLISH) and has_mfa(user)


def can_use_admin(user) -> bool:
    return _active(user) and user.is_staff and has_mfa(user)


def roles_for(user) -> frozenset[str]:
    """The roles a page's chrome shows (badges, menu entries). Anonymous: none, no query."""
    if not _active(user):
        return frozenset()
    roles = {user.role}
    if is_verified_clinician(user):
        roles.add("clinician")
    if _has(user, MODERATE):
        roles.add("moderator")
    if _has(user, PUBLISH):
        roles.add("editor")
    if user.is_staff:
        roles.add("staff")
    return frozenset(roles)


def can_apply_as_clinician(user) -> bool:
    """A member with a verified email and no application under review or approved."""
    if not can_participate(user):
        return False
    profile = getattr(user, "clinician_profile", None)
    return profile is None or profile.status in {"rejected", "revoked"}


def can_review_clinicians(user) -> bool:
    """Approve, reject or revoke clinician verification: admin access plus the model right."""
    return can_use_admin(user) and user.has_perm("accounts.change_clinicianprofile")
