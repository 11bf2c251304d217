"""The state machine of an activity, as data: one ``core.workflow.Workflow``.

``ACTIVITEIT`` lists each allowed transition with its label, the capability it needs, the checks
it requires (``eisen``) and what happens after (``effecten``). The table drives both the buttons
shown (``mogelijke_overgangen``) and the checks enforced
(``services.activiteiten.activiteit_status_wijzigen``). Who may: a role holding
``participatie.activiteit_status_wijzigen`` (the account holder); a moderator's object grant is
not enough. Labels are marked for translation (``gettext_noop``) and translated where shown.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hengelo_participatie.core.workflow import Stap, Transition, Workflow

from .models import Activiteit, ActiviteitStatus, Spelregel

#: The capability every step of the table asks for (role table, ``roles.kan``).
STATUS_WIJZIGEN = "participatie.activiteit_status_wijzigen"


def niet_in_de_toekomst(activiteit: Activiteit, op: date) -> str | None:
    if activiteit.startdatum > op:
        return _("De activiteit is nog niet begonnen. Markeer haar na de datum als uitgevoerd.")
    return None


def gespreksleider_aanwezig(activiteit: Activiteit, op: date) -> str | None:
    """Rule: a group conversation (or any instrument that requires one) needs a moderator."""
    if activiteit.instrument.gespreksleider_verplicht and activiteit.gespreksleider_id is None:
        return _(
            "Bij het instrument „%(instrument)s” is een externe, onafhankelijke "
            "gespreksleider verplicht. Vul eerst de gespreksleider in."
        ) % {"instrument": activiteit.instrument.naam}
    return None


def beslisruimte_vastgelegd(activiteit: Activiteit, op: date) -> str | None:
    """Rule (instruments 2–4): the room for input and the promises are recorded (rules 3, 4)."""
    if not activiteit.instrument.spelregels_van_toepassing:
        return None
    if not activiteit.beslisruimte.strip() or not activiteit.verwachtingen.strip():
        return _(
            "Leg eerst vast welke ruimte voor inbreng er was en wat deelnemers is beloofd "
            "(spelregels 3 en 4)."
        )
    return None


def spelregels_beantwoord(activiteit: Activiteit, op: date) -> str | None:
    """Rule (instruments 2–4): every rule of the Ombudsman checklist is answered."""
    if not activiteit.instrument.spelregels_van_toepassing:
        return None
    beantwoord = set(
        activiteit.spelregeltoetsen.exclude(antwoord="").values_list("spelregel__nummer", flat=True)
    )
    open_ = sorted(set(Spelregel.objects.values_list("nummer", flat=True)) - beantwoord)
    if open_:
        return _(
            "Beantwoord eerst alle spelregels van de Nationale Ombudsman met ja, deels of nee. "
            "Nog open: spelregel %(nummers)s."
        ) % {"nummers": ", ".join(str(n) for n in open_)}
    return None


def spelregels_toegelicht(activiteit: Activiteit, op: date) -> str | None:
    """Rule (instruments 2–4): every answered rule has an explanation."""
    if not activiteit.instrument.spelregels_van_toepassing:
        return None
    toetsen = activiteit.spelregeltoetsen.select_related("spelregel")
    zonder = sorted(t.spelregel.nummer for t in toetsen if t.antwoord and not t.toelichting.strip())
    if zonder:
        return _(
            "Geef bij elke spelregel een toelichting. Die ontbreekt bij spelregel %(nummers)s."
        ) % {"nummers": ", ".join(str(n) for n in zonder)}
    return None


def afsluitmoment_vastleggen(activiteit: Activiteit, stap: Stap) -> None:
    activiteit.afgesloten_op = timezone.now()


def afsluitmoment_wissen(activiteit: Activiteit, stap: Stap) -> None:
    activiteit.afgesloten_op = None


S = ActiviteitStatus
ACTIVITEIT: Workflow[Activiteit] = Workflow(
    [
        Transition(
            S.GEPLAND,
            S.UITGEVOERD,
            gettext_noop("Markeren als uitgevoerd"),
            STATUS_WIJZIGEN,
            eisen=(niet_in_de_toekomst,),
            effecten=(afsluitmoment_wissen,),
        ),
        Transition(
            S.UITGEVOERD,
            S.AFGESLOTEN,
            gettext_noop("Afsluiten"),
            STATUS_WIJZIGEN,
            eisen=(
                gespreksleider_aanwezig,
                beslisruimte_vastgelegd,
                spelregels_beantwoord,
                spelregels_toegelicht,
            ),
            effecten=(afsluitmoment_vastleggen,),
        ),
        Transition(
            S.AFGESLOTEN,
            S.UITGEVOERD,
            gettext_noop("Heropenen"),
            STATUS_WIJZIGEN,
            effecten=(afsluitmoment_wissen,),
        ),
    ],
    begin=S.GEPLAND,
)


def fouten(stap: Transition[Activiteit], activiteit: Activiteit, op: date) -> list[str]:
    """Every reason ``stap`` is not allowed yet (all of them, not only the first)."""
    return [reden for eis in stap.eisen if (reden := eis(activiteit, op))]


def mogelijke_overgangen(activiteit: Activiteit) -> list[Transition[Activiteit]]:
    return ACTIVITEIT.van(activiteit.status)
