"""The engine's own kinds: notices caused by actions in this app."""

from django.utils.translation import gettext_noop

from .registry import Gebeurtenis

AGENDALINK_NIEUW = "agendalink_nieuw"

PROVIDERS = [
    Gebeurtenis(
        kind=AGENDALINK_NIEUW,
        label=gettext_noop("Nieuwe link naar uw persoonlijke agenda"),
        mandatory=True,
    ),
]
