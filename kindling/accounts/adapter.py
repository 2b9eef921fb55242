"""How allauth fits Kindling: nobody signs up on their own; invitations are the way in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy as _

from kindling.lib import crypto


class KindlingAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "That e-mail address and password don't match. Please try again; "
            "passwords notice capital letters."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created only by accepting an invitation (accounts.actions).
        return False


class KindlingMFAAdapter(DefaultMFAAdapter):
    """Keeps TOTP secrets and recovery-code seeds encrypted with Kindling's key ring."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def get_totp_issuer(self) -> str:
        return "Kindling"
