import unicodedata

from django.core.exceptions import ValidationError

from .handles import handle_key

RESERVED_HANDLES = frozenset(
    handle_key(word)
    for word in (
        "admin", "administrator", "moderator", "mod", "doctor", "dr", "clinician", "verified",
        "staff", "support", "help", "official", "system", "root", "deleted user", "anonymous",
        "clinicalcontext", "editor", "nurse", "team",
    )
)  # fmt: skip


def validate_handle_shape(value: str) -> None:
    """Letters, digits, and . _ - between them; 3 to 30 characters; no control characters."""
    if not value or not value.strip():
        raise ValidationError("Choose a handle: it cannot be blank.", code="blank")
    if any(unicodedata.category(ch)[0] in {"C", "Z"} and ch != " " for ch in value):
        raise ValidationError(
            "Handles cannot contain control characters or unusual spaces.", code="control"
        )
    stripped = value.strip()
    if not 3 <= len(stripped) <= 30:
        raise ValidationError("A handle is 3 to 30 characters long.", code="length")
    if not all(ch.isalnum() or ch in "._-" for ch in stripped):
        raise ValidationError(
            "Use letters, digits, dots, dashes and underscores only.", code="characters"
        )
    if not stripped[0].isalnum():
        raise ValidationError("Start your handle with a letter or digit.", code="start")


def validate_new_handle(value: str, *, exclude_user_id: int | None = None) -> None:
    """A handle that is well formed, not reserved, and unlike every handle already taken."""
    from .models import User

    validate_handle_shape(value)
    key = handle_key(value.strip())
    if key in RESERVED_HANDLES:
        raise ValidationError(
            "That handle is reserved or could be mistaken for staff. Please choose another.",
            code="reserved",
        )
    taken = User.objects.filter(handle_key=key)
    if exclude_user_id is not None:
        taken = taken.exclude(pk=exclude_user_id)
    if taken.exists():
        raise ValidationError(
            "That handle, or one that looks just like it, is taken. Please choose another.",
            code="taken",
        )
