"""Who may write the verordening's records: one policy per model (``accounts.policy``).

All of it is public reference data, so a role-wide permission covers every object. The rules
that go further than a model permission (a started rule version is history, only a concept of
the house rules changes) are the services' own checks.
"""

from __future__ import annotations

from hengelo_participatie.accounts.policy import ModelPolicy
from verordening.models import (
    Artikel,
    HuishoudelijkReglement,
    Regel,
    Samenwerkingsafspraken,
    Verordening,
)

verordening_policy: ModelPolicy[Verordening] = ModelPolicy(Verordening, global_grants_objects=True)
artikel_policy: ModelPolicy[Artikel] = ModelPolicy(Artikel, global_grants_objects=True)
regel_policy: ModelPolicy[Regel] = ModelPolicy(Regel, global_grants_objects=True)
afspraken_policy: ModelPolicy[Samenwerkingsafspraken] = ModelPolicy(
    Samenwerkingsafspraken, global_grants_objects=True
)
reglement_policy: ModelPolicy[HuishoudelijkReglement] = ModelPolicy(
    HuishoudelijkReglement, global_grants_objects=True
)
