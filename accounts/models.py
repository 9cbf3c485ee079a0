from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from text.stored import KeepsHtmlRendered

from .handles import handle_key


class Role(models.TextChoices):
    """What a member is here as. Clinician, moderator and editor are granted, not chosen."""

    PATIENT = "patient", "Patient"
    CAREGIVER = "caregiver", "Caregiver"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def for_profile_page(self, handle: str):
        """A member's public profile: live accounts only, with the clinician badge's data."""
        return self.select_related("clinician_profile").filter(handle=handle, deleted_at=None)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(KeepsHtmlRendered, AbstractUser):
    """A member, known publicly only by a pseudonymous handle; logs in with email."""

    markdown_fields = {"about": "about_html"}

    username = None
    email = models.EmailField("email address", unique=True)
    handle = models.CharField(
        max_length=30,
        unique=True,
        help_text="Public name. Pseudonymous by default; no real name is needed.",
    )
    # The handle folded to a comparison key (Unicode normalisation, case folding, confusables),
    # so that "Anna", "ANNA" and "Аnna" with a Cyrillic A cannot belong to different people.
    handle_key = models.CharField(max_length=120, unique=True, editable=False)
    role = models.CharField(max_length=16, choices=Role, default=Role.PATIENT)
    about = models.TextField("about me", max_length=500, blank=True)
    about_html = models.TextField(blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Denormalised from the member's sanctions (accounts/sanctions.py keeps them in step), so
    # that every page can ask "restricted? warned?" from the row already loaded, with no query.
    # A ban is a restriction until BANNED_UNTIL; a suspension ends on its own when time passes.
    restricted_until = models.DateTimeField(null=True, blank=True, editable=False)
    unacknowledged_warning = models.ForeignKey(
        "accounts.Sanction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        ordering = ["handle"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_user_role_valid"
            ),
        ]

    def __str__(self):
        return self.display_handle

    def save(self, *args, **kwargs):
        # allauth looks addresses up in lower case; store them so, whoever creates the user
        # (createsuperuser, the admin, the demo loader), or they could never log in.
        self.email = self.email.lower() if self.email else self.email
        self.handle_key = handle_key(self.handle)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"handle": "handle_key"}
            kwargs["update_fields"] = {*update_fields} | {
                derived[name] for name in update_fields if name in derived
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"handle": self.handle})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def display_handle(self) -> str:
        return "deleted user" if self.is_deleted else self.handle

    @property
    def is_restricted(self) -> bool:
        """Suspended or banned right now (a time comparison: suspensions end by themselves)."""
        return self.restricted_until is not None and self.restricted_until > timezone.now()


# A ban has no end; the far future keeps "restricted" one comparison for bans and suspensions.
BANNED_UNTIL = datetime(9999, 1, 1, tzinfo=UTC)


class SanctionKind(models.TextChoices):
    WARNING = "warning", "Warning"
    SUSPENSION = "suspension", "Suspension"
    BAN = "ban", "Ban"


class SanctionQuerySet(models.QuerySet):
    def in_force(self, *, now=None):
        """Suspensions and bans that restrict the member now: not lifted, not yet ended."""
        now = now or timezone.now()
        restricting = models.Q(kind=SanctionKind.BAN) | models.Q(
            kind=SanctionKind.SUSPENSION, ends_at__gt=now
        )
        return self.filter(restricting, lifted_at=None)


class Sanction(models.Model):
    """A moderator's warning, suspension or ban of a member, and its lifting. Never deleted:
    the history is what the next moderator reads."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=16, choices=SanctionKind)
    reason = models.TextField(max_length=2000, help_text="Shown to the member.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Suspensions only.")
    acknowledged_at = models.DateTimeField(null=True, blank=True, help_text="Warnings only.")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField(max_length=2000, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="accounts_sanction_member")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SanctionKind.values),
                name="accounts_sanction_kind_valid",
            ),
            # A suspension always ends; warnings and bans have no end date.
            models.CheckConstraint(
                condition=models.Q(kind=SanctionKind.SUSPENSION, ends_at__isnull=False)
                | (~models.Q(kind=SanctionKind.SUSPENSION) & models.Q(ends_at__isnull=True)),
                name="accounts_sanction_ends_only_suspensions",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.member_id} ({self.created_at:%Y-%m-%d})"

    @property
    def is_lifted(self) -> bool:
        return self.lifted_at is not None


class VerificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Not approved"
    REVOKED = "revoked", "Verification revoked"


class ClinicianProfile(KeepsHtmlRendered, models.Model):
    """A member's application to act as a clinician, and its review by staff."""

    markdown_fields = {"bio": "bio_html"}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_profile"
    )
    full_name = models.CharField(max_length=120, help_text="Shown with the verified badge.")
    credentials = models.CharField(max_length=120, help_text='For example "MD, FRCPC".')
    profession = models.CharField(max_length=80)
    specialty = models.CharField(max_length=120, blank=True)
    licence_number = models.CharField(max_length=60)
    jurisdiction = models.CharField("issuing jurisdiction", max_length=120)
    bio = models.TextField(max_length=1000, blank=True)
    bio_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=16, choices=VerificationStatus, default=VerificationStatus.PENDING
    )
    applied_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-applied_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=VerificationStatus.values),
                name="accounts_clinicianprofile_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.full_name}, {self.credentials}"

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED

    @property
    def badge(self) -> str:
        return f"{self.full_name}, {self.credentials}"
