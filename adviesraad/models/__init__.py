"""Models of the council's membership, split per concept (STYLE.md: "models/ package").

* ``referentie``: the nine core-domain laws (reference data, loaded by migration);
* ``leden``: a person on the council, their terms, re-appointment evaluations and functions;
* ``portefeuilles``: portfolios held by pairs of members;
* ``verklaringen``: conflict-of-interest declarations and the log of every read;
* ``werving``: vacancies and candidates.
"""

from .leden import (
    EindeReden,
    Functie,
    FunctieSoort,
    Herbenoemingsevaluatie,
    Lid,
    TermijnSoort,
    TermijnStatus,
    Zittingstermijn,
)
from .portefeuilles import Portefeuille, Portefeuillehouder
from .referentie import Kernwet
from .verklaringen import (
    Beoordeling,
    Nevenfunctieverklaring,
    NevenfunctieverklaringGroupObjectPermission,
    NevenfunctieverklaringUserObjectPermission,
    VerklaringInzage,
)
from .werving import Kanaal, Kanaaltelling, Kandidaat, KandidaatFase, Vacature, VacatureStatus

__all__ = [
    "Beoordeling",
    "EindeReden",
    "Functie",
    "FunctieSoort",
    "Herbenoemingsevaluatie",
    "Kanaal",
    "Kanaaltelling",
    "Kandidaat",
    "KandidaatFase",
    "Kernwet",
    "Lid",
    "Nevenfunctieverklaring",
    "NevenfunctieverklaringGroupObjectPermission",
    "NevenfunctieverklaringUserObjectPermission",
    "Portefeuille",
    "Portefeuillehouder",
    "TermijnSoort",
    "TermijnStatus",
    "Vacature",
    "VacatureStatus",
    "VerklaringInzage",
    "Zittingstermijn",
]
from . import (
    advies,  # noqa: E402,F401  (the advice workflow; see adviesraad/advies/)
    college,  # noqa: E402,F401  (delivery to the College and the raad; issue 14)
    toezeggingen,  # noqa: E402,F401  (follow-up of adopted points; issue 14)
)
