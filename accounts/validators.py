"""Validation of what members type about themselves: handles and short profile text."""

import unicodedata

from django.core.exceptions import ValidationError

from text.validators import find_problem, validate_user_text

from .handles import handle_key, handle_stem, scripts_in, title_claimed

HANDLE_MIN_LENGTH = 3
HANDLE_MAX_LENGTH = 30
HANDLE_KEY_MAX_LENGTH = 120  # User.handle_key's column

# A handle whose key equals one of these is refused: they read as an office or a system name.
RESERVED_HANDLES = frozenset(
    handle_key(word)
    for word in (
        "admin", "administrator", "moderator", "mod", "mods", "doctor", "doc", "dr", "clinician",
        "verified", "staff", "support", "help", "helpdesk", "official", "system", "root",
        "deleted", "deleted user", "anonymous", "unknown", "clinicalcontext", "clinical context",
        "editor", "nurse", "team", "security", "privacy", "webmaster", "postmaster", "info",
        "contact", "abuse", "noreply", "no-reply", "null", "none", "undefined", "everyone",
        "physician", "pharmacist", "therapist", "psychiatrist",
    )
)  # fmt: skip

# A handle whose key merely *contains* one of these is refused too: "dr_admin", "the.doctor",
# "verified_nurse" would lend a member an authority staff have not checked.
RESERVED_PARTS = frozenset(
    handle_key(word)
    for word in (
        "admin", "moderator", "doctor", "clinician", "verified", "official", "clinicalcontext",
        "physician", "staffmember",
    )
)  # fmt: skip

# Deleted accounts are renamed "deleted-<random>"; nobody may take a name of that shape.
DELETED_PREFIX = "deleted-"
_DELETED_KEY = handle_key(DELETED_PREFIX)


def validate_handle_shape(value: str) -> None:
    """Letters, digits, and . _ - between them; 3 to 30 characters; one writing system."""
    if not value or not value.strip():
        raise ValidationError("Choose a handle: it cannot be blank.", code="blank")
    if find_problem(value, multiline=False):
        raise ValidationError(
            "Handles cannot contain control characters or invisible characters.", code="control"
        )
    if any(unicodedata.category(ch)[0] == "Z" for ch in value):
        raise ValidationError(
            "Handles cannot contain spaces. Try a dot, dash or underscore instead.", code="space"
        )
    if not HANDLE_MIN_LENGTH <= len(value) <= HANDLE_MAX_LENGTH:
        raise ValidationError(
            f"A handle is {HANDLE_MIN_LENGTH} to {HANDLE_MAX_LENGTH} characters long "
            f"(this one has {len(value)}).",
            code="length",
        )
    if len(handle_key(value)) > HANDLE_KEY_MAX_LENGTH:
        # A few characters expand under Unicode normalisation (one ligature becomes 18 letters).
        raise ValidationError("This handle is too long once its letters are spelled out.")
    if not all(ch.isalnum() or ch in "._-" for ch in value):
        raise ValidationError(
            "Use letters, digits, dots, dashes and underscores only.", code="characters"
        )
    if not value[0].isalnum() or not value[-1].isalnum():
        raise ValidationError("Start and end your handle with a letter or digit.", code="start")
    if len(scripts_in(value)) > 1:
        raise ValidationError(
            "Use letters from one alphabet only: mixing alphabets makes look-alike names.",
            code="mixed_scripts",
        )
    if not any(ch.isalpha() for ch in value):
        raise ValidationError("Include at least one letter.", code="no_letters")


def validate_handle_not_reserved(value: str) -> None:
    key = handle_key(value)
    if (
        key in RESERVED_HANDLES
        or any(part in key for part in RESERVED_PARTS)
        or key.startswith(_DELETED_KEY)
    ):
        raise ValidationError(
            "That handle is reserved or could be mistaken for staff or a verified clinician. "
            "Please choose another.",
            code="reserved",
        )


def validate_new_handle(
    value: str, *, exclude_user_id: int | None = None, may_claim_title: bool = False
) -> None:
    """A handle that is well formed, not reserved, unlike every handle already taken, and (for
    anyone but a verified clinician, `may_claim_title`) claiming no professional title and not
    a verified clinician's handle with digits or separators added."""
    from .models import User

    validate_handle_shape(value)
    validate_handle_not_reserved(value)
    if not may_claim_title:
        validate_no_title_claim(value)
    taken = User.objects.filter(handle_key=handle_key(value))
    if exclude_user_id is not None:
        taken = taken.exclude(pk=exclude_user_id)
    if taken.exists():
        raise ValidationError(
            "That handle, or one that looks just like it, is taken. Please choose another.",
            code="taken",
        )
    _refuse_clinician_look_alike(value, exclude_user_id=exclude_user_id)


def validate_no_title_claim(value: str, *, in_handle: bool = True) -> None:
    if title := title_claimed(value, in_handle=in_handle):
        raise ValidationError(
            "“%(title)s” is a professional title: handles with one are for verified "
            "clinicians, whose licence staff have checked. Please choose a handle without it.",
            code="title",
            params={"title": title.upper() if len(title) <= 4 else title.capitalize()},
        )


def _refuse_clinician_look_alike(value: str, *, exclude_user_id: int | None) -> None:
    """A verified clinician's handle plus digits or separators ("dr_ines_v2") reads as theirs."""
    from .models import User, VerificationStatus

    stem = handle_stem(value)
    candidates = User.objects.filter(
        handle_key__startswith=stem, clinician_profile__status=VerificationStatus.VERIFIED
    )
    if exclude_user_id is not None:
        candidates = candidates.exclude(pk=exclude_user_id)
    for handle in candidates.values_list("handle", flat=True):
        if handle_stem(handle) == stem:
            raise ValidationError(
                "That handle is a verified clinician's with numbers or separators added, so "
                "readers could take you for them. Please choose another.",
                code="clinician_look_alike",
            )


def validate_name_without_title(value: str) -> None:
    """A clinician's registered name, without "Dr." or ", RN": the title shown with the badge
    comes from the credentials staff check, so a name cannot claim one the licence does not."""
    if title := title_claimed(value, in_handle=False):
        raise ValidationError(
            "Write your name without a title (here “%(title)s”): your credentials are shown "
            "beside it once staff have checked them.",
            code="title",
            params={"title": title.upper() if len(title) <= 4 else title.capitalize()},
        )


def validate_plain_text(value: str) -> None:
    """Free text (about me, bio): the running-text rules of text/validators.py."""
    validate_user_text(value, multiline=True)


def validate_single_line(value: str) -> None:
    """One-line fields (names, licence numbers): the one-line rules of text/validators.py."""
    validate_user_text(value, multiline=False)
