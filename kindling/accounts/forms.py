"""Forms for invitations: what a clinician or administrator fills in, and what the invitee does."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kindling.lib.widgets import DateInput

from .models import REGIONS, ClientProfile, Role, User, validate_client_birth_date


class StaffInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ClientInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"))
    preferred_name = forms.CharField(
        label=_("The name they like to be called"), max_length=80, required=False
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        validators=[validate_client_birth_date],
        help_text=_("Kindling uses it to choose the child, teen or adult version of each page."),
    )
    region = forms.ChoiceField(label=_("Where they live"), choices=REGIONS, initial="AU")
    practice = forms.ModelChoiceField(label=_("Practice"), queryset=None, required=False)

    def __init__(self, *args, practices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if practices is not None and practices.count() > 1:
            self.fields["practice"].queryset = practices.order_by("name")
            self.fields["practice"].required = True
            self.fields["practice"].empty_label = _("Choose the practice")
        else:
            del self.fields["practice"]


class YoungPersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}, {obj.age}"


class GuardianInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"))
    for_client = YoungPersonChoiceField(
        label=_("Guardian of"), queryset=None, empty_label=_("Choose a young person")
    )
    relationship = forms.CharField(
        label=_("Relationship"),
        max_length=60,
        required=False,
        help_text=_("For example: mum, dad, grandparent, foster carer."),
    )

    def __init__(self, *args, young_people=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["for_client"].queryset = ClientProfile.objects.filter(
            pk__in=[c.pk for c in young_people]
        ).select_related("user")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The template has its own "Forgotten your password?" link; one is enough.
        self.fields["password"].help_text = ""


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your full name"), max_length=150)
    preferred_name = forms.CharField(
        label=_("What would you like us to call you?"),
        max_length=80,
        required=False,
        help_text=_("This is the name Kindling will use with you."),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_("At least 10 characters. A few unrelated words make a strong one."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, email: str, is_client: bool = False, preferred_name: str = "",
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.email = email
        if is_client:
            self.fields["preferred_name"].initial = preferred_name
        else:
            del self.fields["preferred_name"]

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are different."))
        if p1:
            candidate = User(email=self.email, name=data.get("name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
