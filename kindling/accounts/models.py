"""People and places: users, practices, roles, client profiles, guardians and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.lib.crypto import EncryptedTextField

REGIONS = [
    ("AU", _("Australia")),
    ("NZ", _("New Zealand")),
    ("UK", _("United Kingdom")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("IE", _("Ireland")),
    ("INT", _("Elsewhere")),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who logs in. They log in with their e-mail address.

    `is_staff` here is Django's flag for the admin site only; a person's roles in a practice
    live in Membership, ClientProfile and GuardianLink.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        profile = getattr(self, "client_profile", None)
        if profile is not None and profile.preferred_name:
            return profile.preferred_name
        return (self.name.split(" ")[0] if self.name else "") or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return self.name or self.email

    def roles(self) -> set[str]:
        """Every role this person holds, across practices (cached per instance)."""
        if not hasattr(self, "_roles"):
            # One query for all three sources: this runs on every page a person opens.
            staff = Membership.objects.filter(user=self, is_active=True).values_list("role")
            client = (
                ClientProfile.objects.filter(user=self)
                .annotate(role=models.Value("client", output_field=models.CharField()))
                .values_list("role")
            )
            guardian = (
                GuardianLink.objects.filter(guardian=self)
                .annotate(role=models.Value("guardian", output_field=models.CharField()))
                .values_list("role")
            )
            self._roles = {role for (role,) in staff.union(client, guardian)} - {""}
        return self._roles


class Practice(models.Model):
    """A clinic: the people who work in it, and the clients they care for."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    region = models.CharField(max_length=3, choices=REGIONS, default="AU")
    time_zone = models.CharField(max_length=64, default="Australia/Melbourne")
    contact_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The practice's record-keeping rule, checked before a client's data is erased. The
    # defaults follow common Australian health-records law: an adult's records are kept seven
    # years after the last contact, a young person's until they turn 25. Zero turns a rule off.
    retention_years = models.PositiveSmallIntegerField(default=7)
    retention_minor_until_age = models.PositiveSmallIntegerField(default=25)

    def __str__(self) -> str:
        return self.name

    def zone(self) -> ZoneInfo:
        """The practice's time zone: its clients' days (due check-ins, planned kindness) are
        read in it. An unknown name falls back to the server's zone."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    def today(self) -> dt.date:
        return timezone.localdate(timezone=self.zone())

    def keep_records_until(self, date_of_birth: dt.date, last_contact: dt.date) -> dt.date:
        """The first day this client's records may be destroyed under the practice's rule."""
        until = last_contact
        if self.retention_years:
            until = max(until, add_years(last_contact, self.retention_years))
        if self.retention_minor_until_age and age_on(date_of_birth, last_contact) < 18:
            until = max(until, add_years(date_of_birth, self.retention_minor_until_age))
        return until


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (or earlier, if negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


class Role(models.TextChoices):
    CLINICIAN = "clinician", _("Clinician")
    FACILITATOR = "facilitator", _("Facilitator")
    RESEARCHER = "researcher", _("Researcher")
    PRACTICE_ADMIN = "practice_admin", _("Practice administrator")


STAFF_ROLES = frozenset(Role.values)


class Membership(models.Model):
    """A staff member's role in a practice. One person may hold several roles."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "practice", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.practice}"


class AgeBand(models.TextChoices):
    CHILD = "child", _("Child (8–12)")
    TEEN = "teen", _("Teenager (13–17)")
    ADULT = "adult", _("Adult (18+)")


AGE_BAND_SHORT = {AgeBand.CHILD: _("Child"), AgeBand.TEEN: _("Teenager"), AgeBand.ADULT: _("Adult")}

MIN_CLIENT_AGE = 8


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def age_band_for(date_of_birth: dt.date, today: dt.date | None = None) -> str:
    """child 8–12, teen 13–17, adult 18+. Younger than 8 is not a band Kindling serves."""
    age = age_on(date_of_birth, today or timezone.localdate())
    if age < MIN_CLIENT_AGE:
        raise ValueError(f"Kindling is made for people aged {MIN_CLIENT_AGE} and over.")
    if age <= 12:
        return AgeBand.CHILD
    if age <= 17:
        return AgeBand.TEEN
    return AgeBand.ADULT


def validate_client_birth_date(value: dt.date) -> None:
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The date of birth is in the future."))
    if age_on(value, today) < MIN_CLIENT_AGE:
        raise ValidationError(
            _("Kindling is made for people aged %(age)s and over."),
            params={"age": MIN_CLIENT_AGE},
        )
    if age_on(value, today) > 120:
        raise ValidationError(_("Please check the year of birth."))


class ClientProfile(models.Model):
    """A person on the programme, and the clinicians who care for them."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="client_profile")
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="clients")
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    date_of_birth = models.DateField(validators=[validate_client_birth_date])
    region = models.CharField(max_length=3, choices=REGIONS, default="AU")
    care_team = models.ManyToManyField(
        User, related_name="care_team_clients", blank=True, through="CareTeamMember"
    )
    # A clinician may judge a teenager able to decide what their guardian sees (a "mature
    # minor"); their guardian then sees only what the teenager chooses to share.
    decides_what_guardian_sees = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.user.name or self.user.email

    @property
    def age(self) -> int:
        return age_on(self.date_of_birth, timezone.localdate())

    @property
    def age_band(self) -> str:
        return age_band_for(self.date_of_birth)

    def get_age_band_display(self) -> str:
        return AgeBand(self.age_band).label

    @property
    def age_band_label(self) -> str:
        """The band without its age range, for places that show the age itself."""
        return AGE_BAND_SHORT[self.age_band]

    @property
    def is_minor(self) -> bool:
        return self.age_band != AgeBand.ADULT


class CareTeamMember(models.Model):
    """A clinician on a client's care team. Only clinicians of the client's practice qualify."""

    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE)
    clinician = models.ForeignKey(User, on_delete=models.CASCADE)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "clinician"], name="one_seat_per_clinician")
        ]

    def __str__(self) -> str:
        return f"{self.clinician} cares for {self.client}"

    def clean(self) -> None:
        is_clinician_here = Membership.objects.filter(
            user_id=self.clinician_id,
            practice_id=self.client.practice_id,
            role=Role.CLINICIAN,
            is_active=True,
        ).exists()
        if not is_clinician_here:
            raise ValidationError(
                _("Only a clinician of the client's practice can join the care team.")
            )


class GuardianLink(models.Model):
    """An adult who looks after a young client (a parent, carer or other guardian)."""

    guardian = models.ForeignKey(User, on_delete=models.CASCADE, related_name="guardian_links")
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="guardian_links"
    )
    # How the guardian is related ("mum", "foster carer"): family facts are sensitive here.
    relationship = EncryptedTextField(_("relationship"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guardian", "client"], name="one_link_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} is a guardian of {self.client}"

    def clean(self) -> None:
        if self.client.user_id == self.guardian_id:
            raise ValidationError(_("A person cannot be their own guardian."))
        if not self.client.is_minor:
            raise ValidationError(_("Guardian links are for clients under 18."))


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS)


class Invitation(models.Model):
    """The only way in. Single-use, expires, can be revoked; only its token's hash is stored."""

    class Kind(models.TextChoices):
        CLIENT = "client", _("Client")
        GUARDIAN = "guardian", _("Guardian")
        CLINICIAN = Role.CLINICIAN.value, Role.CLINICIAN.label
        FACILITATOR = Role.FACILITATOR.value, Role.FACILITATOR.label
        RESEARCHER = Role.RESEARCHER.value, Role.RESEARCHER.label
        PRACTICE_ADMIN = Role.PRACTICE_ADMIN.value, Role.PRACTICE_ADMIN.label
        # A guest who booked a workshop, asked to make an account: no role in the practice.
        # Accepted only on the workshop's own page (kindling/groups), never as a client.
        WORKSHOP_GUEST = "workshop_guest", _("Workshop guest")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Kept if the inviter is later erased or leaves (the invitation's history stays whole).
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # For a client: what the clinician already knows. For a guardian: whose guardian.
    preferred_name = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    region = models.CharField(max_length=3, choices=REGIONS, blank=True)
    for_client = models.ForeignKey(
        ClientProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    relationship = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["practice", "accepted_at", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} invitation for {self.email}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    @property
    def is_staff_kind(self) -> bool:
        return self.kind in STAFF_ROLES


class ConsentRecord(models.Model):
    """Someone agreed to a version of a consent or assent text. Kept, never edited.

    `given_by` is the client, a guardian, or (for consent given on paper) the clinician who
    recorded it; `method` says which.
    """

    class Method(models.TextChoices):
        IN_APP = "in_app", _("In Kindling")
        RECORDED = "recorded", _("On paper, recorded by the clinician")

    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="consents")
    audience = models.CharField(max_length=10)  # adult, teen, child, guardian
    kind = models.CharField(max_length=7)  # consent or assent
    version = models.CharField(max_length=12)
    given_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.IN_APP)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["client", "audience", "version"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.audience}, {self.version}) for {self.client}"


class ErasureRequest(models.Model):
    """A client asked for their data to be erased. A clinician on their care team decides,
    after the practice's retention rule is checked."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the care team")
        HELD = "held", _("Held: records must be kept for now")
        DONE = "done", _("Erased")
        CANCELLED = "cancelled", _("Cancelled")

    # Not a foreign key: the client is gone once this is done, and the request remains as the
    # record that it happened (with nothing that says who or what).
    client_id = models.BigIntegerField(db_index=True)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    keep_until = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Erasure request {self.pk} ({self.state})"
