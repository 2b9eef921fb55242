"""The one access layer: every read of someone else's data starts here.

Each helper takes the person asking and an id, and returns the object or raises Http404 — never
403, because the existence of a record is itself private. Views never filter querysets by
hand; a security review reads this file and nothing else.

The contract is the matrix in docs/architecture.md ("Who may see what"), and
kindling/lib/tests/test_access_matrix.py walks every person in every relation to every object
kind that exists so far. Later object kinds (journal entries, results, notes, alerts) add their
helpers here.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kindling.accounts.models import (
    CareTeamMember,
    ClientProfile,
    GuardianLink,
    Invitation,
    Membership,
    Practice,
    Role,
    User,
    add_years,
    hash_token,
)
from kindling.care.models.notes import SessionNote
from kindling.lib import audit
from kindling.lib.access_roles import active_roles, is_signed_in, practices_where
from kindling.lib.models import AuditEvent
from kindling.measures.models import Administration, Assignment
from kindling.program.models import JournalEntry, PracticeSession
from kindling.program.models.kindness import CalendarFeed, KindnessAct
from kindling.safety.models import Alert, SafetyCheck, SafetyPlan


def caseload_for(user: User) -> QuerySet[ClientProfile]:
    """Clients whose care team includes this person, while they are a clinician of that practice.

    A clinician who leaves a practice (membership made inactive) loses the caseload at once,
    even if nobody tidied the care teams.
    """
    if not is_signed_in(user):
        return ClientProfile.objects.none()
    on_team = CareTeamMember.objects.filter(client=OuterRef("pk"), clinician=user)
    clinician_here = active_roles(user, Role.CLINICIAN).filter(practice=OuterRef("practice"))
    return ClientProfile.objects.filter(Exists(on_team), Exists(clinician_here))


def client_for(user: User, client_id: int) -> ClientProfile:
    """A client's clinical record, for a clinician on their care team."""
    try:
        client = caseload_for(user).select_related("user", "practice").get(pk=client_id)
    except (ClientProfile.DoesNotExist, ValueError, TypeError):
        raise Http404("No such client.") from None
    audit.record(
        "view",
        actor=user,
        role=Role.CLINICIAN,
        practice_id=client.practice_id,
        obj=client,
        subject_id=client.user_id,
    )
    return client


def young_people_for(user: User) -> QuerySet[ClientProfile]:
    """The young clients this person is a guardian of, while they are under 18.

    On their 18th birthday the link stops giving access, whatever is stored: an adult decides
    for themselves who sees what.
    """
    if not is_signed_in(user):
        return ClientProfile.objects.none()
    linked = GuardianLink.objects.filter(client=OuterRef("pk"), guardian=user)
    return ClientProfile.objects.filter(
        Exists(linked), date_of_birth__gt=add_years(timezone.localdate(), -18)
    )


def young_person_for(user: User, client_id: int) -> ClientProfile:
    """A young client as their guardian sees them: only what is shared with the guardian."""
    try:
        person = young_people_for(user).select_related("user").get(pk=client_id)
    except (ClientProfile.DoesNotExist, ValueError, TypeError):
        raise Http404("No such young person.") from None
    audit.record(
        "view",
        actor=user,
        role="guardian",
        practice_id=person.practice_id,
        obj=person,
        subject_id=person.user_id,
    )
    return person


def practices_run_by(user: User) -> QuerySet[Practice]:
    """Practices where this person is a practice administrator."""
    if not is_signed_in(user):
        return Practice.objects.none()
    return Practice.objects.filter(
        Exists(active_roles(user, Role.PRACTICE_ADMIN).filter(practice=OuterRef("pk")))
    )


def practice_for(user: User, practice_id: int) -> Practice:
    """A practice's administration page, for its practice administrators."""
    try:
        return practices_run_by(user).get(pk=practice_id)
    except (Practice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """Invitations a person may see and revoke: all of a practice they run, and their own."""
    if not is_signed_in(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        Exists(active_roles(user, Role.PRACTICE_ADMIN).filter(practice=OuterRef("practice")))
    ) | Invitation.objects.filter(
        invited_by=user,
        practice__in=Practice.objects.filter(
            Exists(Membership.objects.filter(user=user, is_active=True, practice=OuterRef("pk")))
        ),
    )


def invitation_for(user: User, invitation_id: int) -> Invitation:
    try:
        return invitations_visible_to(user).get(pk=invitation_id)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such invitation.") from None


# Sign-in events are recorded before Kindling knows which practice someone is working in; see
# audit_events_for_practice.
SIGN_IN_ACTIONS = (
    AuditEvent.Action.LOGIN,
    AuditEvent.Action.LOGOUT,
    AuditEvent.Action.LOGIN_FAILED,
    AuditEvent.Action.LOCKED_OUT,
    AuditEvent.Action.MFA_CHANGE,
)


def people_of_practice(practice_id: int) -> list[QuerySet]:
    """The user ids of a practice's people as they are now, as subqueries: its active staff,
    its clients, and the guardians of its clients."""
    return [
        Membership.objects.filter(practice_id=practice_id, is_active=True).values("user_id"),
        ClientProfile.objects.filter(practice_id=practice_id).values("user_id"),
        GuardianLink.objects.filter(client__practice_id=practice_id).values("guardian_id"),
    ]


def practice_ids_of(user_id: int) -> set[int]:
    """Every practice a person belongs to now (the other side of people_of_practice)."""
    staff = Membership.objects.filter(user_id=user_id, is_active=True).values_list("practice_id")
    client = ClientProfile.objects.filter(user_id=user_id).values_list("practice_id")
    guardian = GuardianLink.objects.filter(guardian_id=user_id).values_list("client__practice_id")
    return {practice_id for (practice_id,) in staff.union(client, guardian)}


def audit_events_for_practice(user: User, practice_id: int) -> QuerySet[AuditEvent]:
    """A practice's audit log, for its practice administrators.

    Every event recorded against the practice, plus the sign-in events (logins, logouts, failed
    logins, lock-outs, two-step changes) that carry no practice — those of people in several
    practices, and those written before sign-ins were tied to a practice — whose actor, or whose
    account tried (`subject_id`), is one of the practice's people now: an active staff member, a
    client, or a guardian of a client. A failed login for an address with no account belongs to
    no practice and shows in none.
    """
    practice = practice_for(user, practice_id)
    people = people_of_practice(practice.pk)
    is_ours = Q()
    for ids in people:
        is_ours |= Q(actor_id__in=ids) | Q(subject_id__in=ids)
    return AuditEvent.objects.filter(
        Q(practice_id=practice.pk)
        | (Q(practice_id__isnull=True, action__in=SIGN_IN_ACTIONS) & is_ours)
    )


def visits_to_own_record(user: User) -> tuple[ClientProfile, QuerySet[AuditEvent]]:
    """For a client: their profile and each time someone else opened their record.

    Only `view` events whose subject is this client, and not their own visits.
    """
    if not is_signed_in(user):
        raise Http404("Not a client.")
    try:
        profile = ClientProfile.objects.select_related("practice").get(user=user)
    except ClientProfile.DoesNotExist:
        raise Http404("Not a client.") from None
    visits = AuditEvent.objects.filter(subject_id=user.pk, action=AuditEvent.Action.VIEW).exclude(
        actor_id=user.pk
    )
    return profile, visits


def own_client_profile(user: User) -> ClientProfile:
    """The signed-in person's own place on the programme."""
    if not is_signed_in(user):
        raise Http404("Not a client.")
    try:
        return ClientProfile.objects.select_related("practice").get(user=user)
    except ClientProfile.DoesNotExist:
        raise Http404("Not a client.") from None


def own_administrations(user: User) -> QuerySet[Administration]:
    """A client's own check-ins (questionnaires), answered or not."""
    if not is_signed_in(user):
        return Administration.objects.none()
    return Administration.objects.filter(client__user=user)


def own_administration(user: User, administration_id: int) -> Administration:
    try:
        return (
            own_administrations(user)
            .select_related("assignment", "client")
            .get(pk=administration_id)
        )
    except (Administration.DoesNotExist, ValueError, TypeError):
        raise Http404("No such check-in.") from None


def assignment_for(user: User, client_id: int, assignment_id: int) -> Assignment:
    """A measure assigned to a client on this clinician's caseload."""
    client = client_for(user, client_id)
    try:
        return client.measure_assignments.select_related("client").get(pk=assignment_id)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such assignment.") from None


def result_for(user: User, client_id: int, administration_id: int) -> Administration:
    """One answered questionnaire of a client on this clinician's caseload."""
    client = client_for(user, client_id)
    try:
        return client.administrations.completed().select_related("client").get(pk=administration_id)
    except (Administration.DoesNotExist, ValueError, TypeError):
        raise Http404("No such result.") from None


def own_practice_session(user: User, session_id: int) -> PracticeSession:
    if not is_signed_in(user):
        raise Http404("No such practice.")
    try:
        return PracticeSession.objects.select_related("client", "client__practice").get(
            pk=session_id, client__user=user
        )
    except (PracticeSession.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None


def own_journal_entries(user: User) -> QuerySet[JournalEntry]:
    if not is_signed_in(user):
        return JournalEntry.objects.none()
    return JournalEntry.objects.filter(client__user=user)


def own_journal_entry(user: User, entry_id: int) -> JournalEntry:
    try:
        return (
            own_journal_entries(user).select_related("client", "client__practice").get(pk=entry_id)
        )
    except (JournalEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such entry.") from None


def journal_shared_with_care_team(client: ClientProfile) -> QuerySet[JournalEntry]:
    """Entries the client chose to share with their care team. `client` must come from
    client_for, which has checked (and audited) the clinician's access."""
    return client.journal_entries.filter(is_draft=False, shared_with_care_team_at__isnull=False)


def journal_shared_with_guardian(person: ClientProfile) -> QuerySet[JournalEntry]:
    """Entries a young person chose to share with their guardian. `person` must come from
    young_person_for."""
    return person.journal_entries.filter(is_draft=False, shared_with_guardian_at__isnull=False)


# The kindness plan: a client's own acts, and the secret calendar address --------------------------


def own_kindness_acts(user: User) -> QuerySet[KindnessAct]:
    """A client's own kindness acts, planned or stopped. Nobody else sees them: the plan is
    the client's own (the matrix lists no one else)."""
    if not is_signed_in(user):
        return KindnessAct.objects.none()
    return KindnessAct.objects.filter(client__user=user)


def own_kindness_act(user: User, act_id: int) -> KindnessAct:
    try:
        return own_kindness_acts(user).select_related("client", "client__practice").get(pk=act_id)
    except (KindnessAct.DoesNotExist, ValueError, TypeError):
        raise Http404("No such act.") from None


def calendar_feed_for_token(token: str) -> CalendarFeed:
    """The live calendar feed a secret token opens, with no login: the token is the key.
    Only its hash is stored; a revoked token, an unknown one, or one whose owner's account is
    no longer active opens nothing."""
    if not token or len(token) > 100:
        raise Http404("No such calendar.")
    try:
        return CalendarFeed.objects.select_related("client", "client__practice").get(
            token_hash=hash_token(token), revoked_at__isnull=True, client__user__is_active=True
        )
    except CalendarFeed.DoesNotExist:
        raise Http404("No such calendar.") from None


def active_clinicians(client: ClientProfile) -> list[User]:
    """The care team's members who are still active clinicians of the client's practice."""
    return list(
        User.objects.filter(
            is_active=True,
            care_team_clients=client,
            memberships__role=Role.CLINICIAN,
            memberships__is_active=True,
            memberships__practice=client.practice_id,
        ).distinct()
    )


def alert_recipients(client: ClientProfile) -> list[User]:
    """Who is told of, and may read, a client's alerts: the active clinicians on the care team;
    for a client with none (a workshop participant, or a clinician who left), the practice's
    facilitators. The same rule as alerts_for, so nobody is e-mailed about an alert they
    cannot open."""
    clinicians = active_clinicians(client)
    if clinicians:
        return clinicians
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.FACILITATOR,
            memberships__is_active=True,
            memberships__practice=client.practice_id,
        ).distinct()
    )


def alerts_for(user: User) -> QuerySet[Alert]:
    """Alerts about clients on this clinician's caseload, and, for a facilitator, about the
    practice's clients who have no active clinician (see alert_recipients)."""
    if not is_signed_in(user):
        return Alert.objects.none()
    mine = Q(client__in=caseload_for(user))
    facilitates = practices_where(user, Role.FACILITATOR)
    no_clinician = ~Exists(
        CareTeamMember.objects.filter(
            client=OuterRef("client"),
            clinician__is_active=True,
            clinician__memberships__role=Role.CLINICIAN,
            clinician__memberships__is_active=True,
            clinician__memberships__practice=OuterRef("client__practice"),
        )
    )
    return Alert.objects.filter(mine | (Q(client__practice__in=facilitates) & no_clinician))


def alert_for(user: User, alert_id: int) -> Alert:
    try:
        alert = alerts_for(user).select_related("client", "client__user").get(pk=alert_id)
    except (Alert.DoesNotExist, ValueError, TypeError):
        raise Http404("No such alert.") from None
    audit.record(
        "view", actor=user, practice_id=alert.client.practice_id, obj=alert,
        subject_id=alert.client.user_id,
    )  # fmt: skip
    return alert


def own_open_safety_check(user: User) -> SafetyCheck | None:
    if not is_signed_in(user):
        return None
    return (
        SafetyCheck.objects.filter(client__user=user, closed_at__isnull=True)
        .select_related("client")
        .order_by("opened_at")
        .first()
    )


def own_safety_plan(user: User) -> SafetyPlan:
    """The client's own plan, made empty on first use."""
    profile = own_client_profile(user)
    plan, _ = SafetyPlan.objects.get_or_create(client=profile)
    plan.client = profile
    return plan


def safety_plan_of(client: ClientProfile) -> SafetyPlan:
    """A client's plan for their care team. `client` must come from client_for."""
    plan, _ = SafetyPlan.objects.get_or_create(client=client)
    return plan


# Session notes: the care team only (not the client, a guardian, the practice admin) ----------


def session_notes_of(client: ClientProfile) -> QuerySet[SessionNote]:
    """A client's session notes, newest session first. `client` must come from client_for,
    which has checked (and audited) that the clinician is on the care team."""
    return SessionNote.objects.filter(client=client).select_related("author")


def notes_for(user: User, client_id: int) -> tuple[ClientProfile, QuerySet[SessionNote]]:
    """A client on this clinician's caseload, and their session notes."""
    client = client_for(user, client_id)
    return client, session_notes_of(client)


def note_for(user: User, client_id: int, note_id: int) -> SessionNote:
    """One session note, only under the address of the client it is about. Opening it is
    audited, beside the visit to the client's record that client_for records."""
    client, notes = notes_for(user, client_id)
    try:
        note = notes.get(pk=note_id)
    except (SessionNote.DoesNotExist, ValueError, TypeError):
        raise Http404("No such note.") from None
    note.client = client
    audit.record(
        "view", actor=user, role=Role.CLINICIAN, practice_id=client.practice_id, obj=note,
        subject_id=client.user_id,
    )  # fmt: skip
    return note


def own_care_message(user: User, message_id: int):
    """A note from the clinician to this client."""
    from kindling.care.models import CareMessage

    if not is_signed_in(user):
        raise Http404("No such note.")
    try:
        return CareMessage.objects.get(pk=message_id, client__user=user)
    except (CareMessage.DoesNotExist, ValueError, TypeError):
        raise Http404("No such note.") from None


# Workshops, the public site and group work keep their look-ups in their own modules; they are
# part of this layer and re-exported here, so views still ask `access.<helper>`.
from kindling.lib.access_groups import *  # noqa: E402, F403
from kindling.lib.access_groupwork import *  # noqa: E402, F403
from kindling.lib.access_public import *  # noqa: E402, F403

# --- Family practice: a young person and a linked guardian practise together ----------------
# Only a young person (under 18) and a guardian linked to them, while the link gives access
# (young_people_for). Each sees the pair's rows; what of the other's side they see is decided
# in kindling/program/together.py (the guardian: the young person's "done", and how it felt
# and their note only if shared; the young person: the guardian's "done" only).
from kindling.program.models.together import TogetherPractice  # noqa: E402


def guardians_to_practise_with(user: User) -> tuple[ClientProfile, QuerySet[User]]:
    """For a young person: their own profile and the guardians linked to them. An adult
    client, or someone who is not a client, gets a 404."""
    profile = own_client_profile(user)
    if not profile.is_minor:
        raise Http404("Not a young person.")
    return profile, User.objects.filter(guardian_links__client=profile, is_active=True).distinct()


def own_together_practices(user: User) -> QuerySet[TogetherPractice]:
    """A young person's own together practices, with any guardian."""
    if not is_signed_in(user):
        return TogetherPractice.objects.none()
    return TogetherPractice.objects.filter(client__user=user)


def own_together_practice(user: User, together_id: int) -> TogetherPractice:
    """One of the young person's own together practices (their side of it)."""
    try:
        return (
            own_together_practices(user)
            .select_related("client", "client__practice", "guardian", "session")
            .get(pk=together_id)
        )
    except (TogetherPractice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None


def together_practices_with(person: ClientProfile, guardian: User) -> QuerySet[TogetherPractice]:
    """What a young person did together with this guardian (not with anyone else). `person`
    must come from young_person_for, which has checked (and audited) the link."""
    return TogetherPractice.objects.filter(client=person, guardian=guardian).select_related(
        "session"
    )


def guardian_together_practice(user: User, together_id: int) -> TogetherPractice:
    """A together practice, for the guardian who did it, while their link to the young person
    still gives access. Opening it is audited like the young person's page."""
    if not is_signed_in(user):
        raise Http404("No such practice.")
    try:
        together = TogetherPractice.objects.select_related("session").get(
            pk=together_id, guardian=user
        )
    except (TogetherPractice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None
    together.client = young_person_for(user, together.client_id)
    return together
