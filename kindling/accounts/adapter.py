"""How allauth fits Kindling: nobody signs up on their own; invitations are the way in."""

from allauth.account.adapter import DefaultAccountAdapter


class KindlingAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created only by accepting an invitation (accounts.actions).
        return False
