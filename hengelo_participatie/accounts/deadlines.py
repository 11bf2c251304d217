"""Notices of this app for the outbox (``notifications``): caused by an action, not by a date."""

from django.utils.translation import gettext_noop

from hengelo_participatie.notifications.registry import Gebeurtenis

#: "Your roles changed": mandatory, so a person always learns that their rights changed, also
#: when someone else did it (or an attacker did it with a stolen admin session).
ROLLEN_GEWIJZIGD = "rollen_gewijzigd"

PROVIDERS = [
    Gebeurtenis(
        kind=ROLLEN_GEWIJZIGD, label=gettext_noop("Uw rollen zijn gewijzigd"), mandatory=True
    ),
]
