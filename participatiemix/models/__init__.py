"""Models of the participatiemix (seed §4.1), split per concept.

* ``referentie``: the instruments, themes, laws and domains, target groups, organisations and the
  Spelregels of the Nationale Ombudsman (reference data, seeded by data migrations);
* ``activiteit``: a use of an instrument, its Spelregel answers and its object permissions;
* ``opbrengst``: findings and what was done with them (Benutting);
* ``terugkoppeling``: feedback to participants;
* ``enquete``: survey indicators (CEO, KBO);
* ``jaarplan``: the yearly plan and the generated yearly report (PDF);
* ``meeluisteren``: a council meeting (listening delegation) linked to an activity.

No personal data of participants is stored anywhere: only counts.
"""

from .activiteit import (
    Activiteit,
    ActiviteitGroupObjectPermission,
    ActiviteitStatus,
    ActiviteitUserObjectPermission,
    Spelregelantwoord,
    Spelregeltoets,
)
from .enquete import Enqueteresultaat, Onderzoek
from .jaarplan import GeplandeInzet, Jaarplan, Jaarrapportage, JaarrapportageStatus
from .meeluisteren import Meeluistervergadering
from .opbrengst import Benutting, BenuttingSoort, Opbrengst, OpbrengstSoort
from .referentie import Doelgroep, Domein, Instrument, Organisatie, Spelregel, Thema
from .terugkoppeling import Terugkoppeling

__all__ = [
    "Activiteit",
    "ActiviteitGroupObjectPermission",
    "ActiviteitStatus",
    "ActiviteitUserObjectPermission",
    "Benutting",
    "BenuttingSoort",
    "Doelgroep",
    "Domein",
    "Enqueteresultaat",
    "GeplandeInzet",
    "Instrument",
    "Jaarplan",
    "Jaarrapportage",
    "JaarrapportageStatus",
    "Meeluistervergadering",
    "Onderzoek",
    "Opbrengst",
    "OpbrengstSoort",
    "Organisatie",
    "Spelregel",
    "Spelregelantwoord",
    "Spelregeltoets",
    "Terugkoppeling",
    "Thema",
]
