"""Registrations into lower layers' registries, called from ``FinancienConfig.ready``.

* The file policy: a declaration's receipt is readable by whoever may see the declaration (the
  member who submitted it, and ``financien.alles_zien``), whichever download URL is used.
* ``adviesraad.hooks``: the AVG export of "Mijn lidmaatschap" gets the member's allowance lines
  and declarations; the retention purge keeps financial records for the fiscal period and
  removes recorded absence (health data) with the member.
"""

from __future__ import annotations

from typing import Any

from adviesraad import hooks
from hengelo_participatie.files.policy import EigenaarRegel, bestand_policy

from . import selectors
from .models import Declaratie
from .policies import declaratie_policy
from .services.opschonen import financien_opschonen, verzuim_wissen


def _bonnen() -> Any:
    return Declaratie.objects.values("bon_id")


def _zichtbare_bonnen(user: Any) -> Any:
    return declaratie_policy.instances_user_has_perm_for(user).values("bon_id")


def registreren() -> None:
    bestand_policy.registreer(
        EigenaarRegel(naam="financien.bon", beheerd=_bonnen, zichtbaar=_zichtbare_bonnen)
    )
    hooks.export_onderdelen.registreer(selectors.persoonsgegevens)
    hooks.lid_opschonen.registreer(verzuim_wissen)
    hooks.opschonen.registreer(financien_opschonen)
