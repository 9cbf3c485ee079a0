"""Account deletion: personal data goes, contributions stay readable as "deleted user"."""

import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from . import signals
from .models import ClinicianProfile, User

# A domain that can never receive mail (RFC 2606), so the placeholder address is unusable.
PLACEHOLDER_DOMAIN = "deleted.invalid"


@transaction.atomic
def delete_account(*, user: User) -> User:
    """Remove `user`'s personal data in one transaction and keep the row for their posts.

    Other parts (forum, ask-the-doctor) remove what they hold first, through
    `signals.account_deleted`. The row stays so posts keep their author; it is renamed to a
    unique "deleted-…" handle and shown as "deleted user". Existing sessions stop working:
    the password becomes unusable (the session hash no longer matches) and the account
    inactive (the auth backend refuses inactive users).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        return user
    signals.account_deleted.send(sender=type(user), user=user)
    token = uuid.uuid4().hex
    ClinicianProfile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"{token}@{PLACEHOLDER_DOMAIN}"
    user.handle = f"deleted-{token[:20]}"
    user.about = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    return user
