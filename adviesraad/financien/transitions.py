"""The three money workflows as tables of ``core.workflow.Transition`` rows.

* **Allowance period** (four eyes, §4.2.5 / Bijlage 9): the supporter prepares (the amounts are
  computed and written as lines), the chair checks, the account holder approves; approval locks
  the period. The chair or the account holder can send it back, with a reason.
* **Budget**: drafted by the council (chair, supporter), submitted to the account holder (the
  budget holder), adopted with a date; adoption of a newer version replaces the older one; the
  account holder closes the year (no declarations after that).
* **Declaration**: the supporter checks; up to the threshold (``declaratie_drempel_voorzitter``)
  that approves it, above it the chair approves; a rejection needs a reason; the account holder
  records the payment.

The services (``services/``) refuse every step that is not in a table, ask the capability, the
requirements (``eisen``) and, for the four-eyes steps, that the person differs from the one of
the previous step. The buttons come from the same rows (``selectors.knoppen``).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.workflow import Transition, Workflow

from . import policies as p
from .models import Begroting as BegrotingModel
from .models import BegrotingStatus, Declaratie, DeclaratieStatus, PeriodeStatus
from .models import Vergoedingsperiode as Periode
from .regels import declaratie_drempel
from .services import effecten as na


# --- Requirements --------------------------------------------------------------------------------
def periode_voorbij(periode: Periode, op: date) -> str | None:
    if periode.einde >= op:
        return str(_("De periode is nog niet voorbij. Bereid hem voor na %(datum)s.")) % {
            "datum": f"{periode.einde:%d-%m-%Y}"
        }
    return None


def tot_drempel(declaratie: Declaratie, op: date) -> str | None:
    drempel = declaratie_drempel(op)
    if declaratie.bedrag > drempel.waarde:
        return str(
            _("Boven %(drempel)s keurt de voorzitter goed (%(bron)s). Kies „Gecontroleerd”.")
        ) % {"drempel": drempel.weergave, "bron": drempel.citeer()}
    return None


def boven_drempel(declaratie: Declaratie, op: date) -> str | None:
    drempel = declaratie_drempel(op)
    if declaratie.bedrag <= drempel.waarde:
        return str(_("Tot en met %(drempel)s keurt de ondersteuner zelf goed.")) % {
            "drempel": drempel.weergave
        }
    return None


def heeft_posten(begroting: BegrotingModel, op: date) -> str | None:
    if not begroting.posten.exists():
        return str(_("Vul eerst de bedragen per categorie in."))
    return None


# --- Tables ------------------------------------------------------------------------------------
PS = PeriodeStatus
PERIODE = Workflow[Periode](
    [
        Transition(
            PS.CONCEPT,
            PS.VOORBEREID,
            str(_("Voorbereiden (bedragen berekenen)")),
            p.PERIODE_VOORBEREIDEN,
            eisen=(periode_voorbij,),
            effecten=(na.periode_berekenen,),
        ),
        Transition(
            PS.VOORBEREID,
            PS.GECONTROLEERD,
            str(_("Gecontroleerd")),
            p.PERIODE_CONTROLEREN,
            effecten=(na.periode_gecontroleerd,),
        ),
        Transition(
            PS.VOORBEREID,
            PS.CONCEPT,
            str(_("Terug naar de ondersteuner")),
            p.PERIODE_CONTROLEREN,
            reden_verplicht=True,
        ),
        Transition(
            PS.GECONTROLEERD,
            PS.GOEDGEKEURD,
            str(_("Goedkeuren en vastzetten")),
            p.PERIODE_GOEDKEUREN,
            effecten=(na.periode_vastzetten,),
        ),
        Transition(
            PS.GECONTROLEERD,
            PS.CONCEPT,
            str(_("Terug naar de ondersteuner")),
            p.PERIODE_GOEDKEUREN,
            reden_verplicht=True,
        ),
    ],
    begin=PS.CONCEPT,
)

BS = BegrotingStatus
BEGROTING = Workflow[BegrotingModel](
    [
        Transition(
            BS.CONCEPT,
            BS.INGEDIEND,
            str(_("Indienen bij de accounthouder")),
            p.BEGROTING_OPSTELLEN,
            eisen=(heeft_posten,),
        ),
        Transition(
            BS.INGEDIEND,
            BS.CONCEPT,
            str(_("Terug naar de adviesraad")),
            p.BEGROTING_VASTSTELLEN,
            reden_verplicht=True,
        ),
        Transition(
            BS.INGEDIEND,
            BS.VASTGESTELD,
            str(_("Vaststellen")),
            p.BEGROTING_VASTSTELLEN,
            effecten=(na.begroting_vastgesteld,),
        ),
        Transition(
            BS.VASTGESTELD,
            BS.AFGESLOTEN,
            str(_("Jaar afsluiten")),
            p.BEGROTING_VASTSTELLEN,
        ),
    ],
    begin=BS.CONCEPT,
)

DS = DeclaratieStatus
DECLARATIE = Workflow[Declaratie](
    [
        Transition(
            DS.INGEDIEND,
            DS.GOEDGEKEURD,
            str(_("Gecontroleerd en goedgekeurd")),
            p.DECLARATIE_CONTROLEREN,
            eisen=(tot_drempel,),
        ),
        Transition(
            DS.INGEDIEND,
            DS.GECONTROLEERD,
            str(_("Gecontroleerd, naar de voorzitter")),
            p.DECLARATIE_CONTROLEREN,
            eisen=(boven_drempel,),
        ),
        Transition(
            DS.INGEDIEND,
            DS.AFGEWEZEN,
            str(_("Afwijzen")),
            p.DECLARATIE_CONTROLEREN,
            reden_verplicht=True,
        ),
        Transition(DS.GECONTROLEERD, DS.GOEDGEKEURD, str(_("Goedkeuren")), p.DECLARATIE_GOEDKEUREN),
        Transition(
            DS.GECONTROLEERD,
            DS.AFGEWEZEN,
            str(_("Afwijzen")),
            p.DECLARATIE_GOEDKEUREN,
            reden_verplicht=True,
        ),
        Transition(DS.GOEDGEKEURD, DS.BETAALD, str(_("Betaling vastleggen")), p.DECLARATIE_BETALEN),
    ],
    begin=DS.INGEDIEND,
)
