from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.translatable import preference_choices


def normalize_email(email: str) -> str:
    """The stored form of an address: trimmed and lower-case (matched case-insensitively)."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. What a user may do in a coalition comes from their Person there."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=preference_choices, default="en"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # When two-step sign-in was turned on: every session verified before it must verify again.
    two_factor_enabled_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # One spelling of an address: sign-in and invitations compare it case-insensitively.
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def without_password(self) -> "User":
        """This user with the password's hash left out (read again from the database when
        something asks for it), and the session's check value kept instead: the copy the
        workers share (core/remembered.py). That value is what every session of the user
        already holds (an HMAC of the hash), not the hash."""
        self._session_check = self.get_session_auth_hash()
        del self.__dict__["password"]  # a deferred field from now on
        return self

    def get_session_auth_hash(self):
        if "password" not in self.__dict__ and getattr(self, "_session_check", None):
            return self._session_check
        return super().get_session_auth_hash()


class Invitation(models.Model):
    """A host's invitation to join a coalition in a role; accepted through a signed link."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20)
    member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("member organization"),
    )
    language = models.CharField(max_length=8, choices=preference_choices, default="en")
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when sent and again on each resend; empty on invitations older than expiry.
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.coalition} ({self.role})"

    @property
    def role_label(self) -> str:
        from juntos.members.models import Role

        return dict(Role.choices).get(self.role, self.role)

    @property
    def state(self) -> str:
        from juntos.accounts.rules import invitation_state

        return invitation_state(self, timezone.now())
