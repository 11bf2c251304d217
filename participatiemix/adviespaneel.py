"""The participatiemix's panel on an advice page (``adviesraad.advies.panelen``): which findings
of residents were used for a request. Registered from ``ParticipatiemixConfig.ready()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count

from adviesraad.advies import panelen

from .models import Benutting, Opbrengst, OpbrengstSoort
from .selectors import activiteiten_zichtbaar_voor

if TYPE_CHECKING:
    from adviesraad.models.advies import Adviesaanvraag
    from hengelo_participatie.accounts.policy import AnyUser


def wat_inwoners_zeiden(user: AnyUser, aanvraag: Adviesaanvraag) -> list[Benutting]:
    """The uses of findings linked to ``aanvraag``, with finding, theme and activity, in a fixed
    number of queries. Only findings of activities ``user`` may see in the participatiemix
    (members and staff: all; the activity policy decides)."""
    return list(
        Benutting.objects.filter(
            adviesaanvraag=aanvraag,
            opbrengst__activiteit__in=activiteiten_zichtbaar_voor(user),
        )
        .select_related("opbrengst__thema", "opbrengst__activiteit")
        .order_by("opbrengst__activiteit__startdatum", "opbrengst_id", "pk")
    )


def opbrengsten_per_soort(aanvraag: Adviesaanvraag) -> list[tuple[str, int]]:
    """Number of distinct findings linked to ``aanvraag`` per kind (one query)."""
    aantallen = dict(
        Opbrengst.objects.filter(benuttingen__adviesaanvraag=aanvraag)
        .order_by()
        .values("soort")
        .annotate(aantal=Count("pk", distinct=True))
        .values_list("soort", "aantal")
    )
    return [
        (str(label), aantallen[waarde])
        for waarde, label in OpbrengstSoort.choices
        if aantallen.get(waarde)
    ]


def registreren() -> None:
    panelen.registreer(
        panelen.Paneelbron(
            naam="participatiemix",
            inwoners=wat_inwoners_zeiden,
            opbrengsten_per_soort=opbrengsten_per_soort,
        )
    )
