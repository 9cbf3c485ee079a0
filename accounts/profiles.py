"""Changes a member makes to their own public profile."""

from django.db import transaction

from .models import Role, User
from .permissions import is_verified_clinician
from .validators import validate_new_handle, validate_plain_text


@transaction.atomic
def update_profile(*, user: User, handle: str, role: Role | str, about: str) -> User:
    """Save a member's handle, role and about text (validated again: forms are not the only
    door). A handle taken by someone else in the meantime raises IntegrityError."""
    validate_new_handle(
        handle, exclude_user_id=user.pk, may_claim_title=is_verified_clinician(user)
    )
    validate_plain_text(about)
    member = User.objects.select_for_update().get(pk=user.pk)
    member.handle = handle
    member.role = Role(role)
    member.about = about
    member.save(update_fields=["handle", "role", "about"])
    return member
