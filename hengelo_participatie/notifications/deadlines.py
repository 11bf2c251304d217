"""The engine's own kinds: notices caused by actions in this app."""

from .registry import Gebeurtenis

AGENDALINK_NIEUW = "agendalink_nieuw"

PROVIDERS = [
    Gebeurtenis(
        kind=AGENDALINK_NIEUW, label="Nieuwe link naar uw persoonlijke agenda", mandatory=True
    ),
]
