"""People and places: accounts, practices, roles, profiles, guardians, invitations."""
