"""Who may be *assigned* to something: the one rule behind every field that makes a person a
participant of a (confidential) object.

A field such as the policy officer of an advice request, the moderator of a participation
activity or a member of a listening delegation gives the chosen person object grants (documents,
reports). If any account could be chosen, an account holder could pick themselves, or a
moderator, and so read what their own role never reaches. So such a field offers, and accepts,
only users who hold the matching role *now*:

* forms (portal and admin) take their choices from ``gebruikers_met_rol`` (a lazy queryset, so a
  user who loses the role drops out of the next form at once; a hand-made POST with another id
  is an ordinary form error);
* services check the same rule with ``eis_rol`` / ``eis_rollen``, whatever the form said, and
  refuse with a Dutch ``ValidationError`` on the field.

Superusers are not a role (see ``policy.py``): they are not offered unless they hold the role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .roles import ROLES, Rol, gebruikers_met_rollen, rolnamen_met


def gebruikers_met_rol(*rollen: Rol | str) -> QuerySet[Any]:
    """Active users who hold at least one of ``rollen`` now, in name order (lazy)."""
    ids = gebruikers_met_rollen(rollen).values("pk")
    # A subquery instead of ``.distinct()``: a user with two matching roles is listed once and
    # the queryset can still be ordered, filtered and used as form choices.
    return get_user_model().objects.filter(pk__in=ids).order_by("achternaam", "voornaam", "pk")


def houders_van(capability: str) -> QuerySet[Any]:
    """Active users whose role holds ``capability`` (the role table), in name order (lazy): the
    choices of a people field ("who may be the policy officer")."""
    return gebruikers_met_rol(*rolnamen_met(capability))


def rol_namen(rollen: Iterable[Rol | str]) -> str:
    """The roles as words for an error message, e.g. ``beleidsmedewerker of accounthouder``."""
    labels = [ROLES[Rol(str(r))].label.lower() for r in rollen]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(eerste)s of %(laatste)s") % {
        "eerste": ", ".join(labels[:-1]),
        "laatste": labels[-1],
    }


def _naam(gebruiker: Any) -> str:
    return (gebruiker.get_full_name() or gebruiker.email) if gebruiker is not None else ""


def eis_rol(
    gebruiker: Any, *rollen: Rol | str, veld: str, keuzes: QuerySet[Any] | None = None
) -> None:
    """Refuse ``gebruiker`` for ``veld`` unless they are active and hold one of ``rollen``.

    ``None`` (nobody assigned) is always allowed; whether the field is required is the model's
    business. Raises ``ValidationError({veld: ...})`` naming the person and the role asked for.
    ``keuzes``: the field's own, narrower choices (default ``gebruikers_met_rol(*rollen)``).
    """
    if gebruiker is None:
        return
    keuzes = keuzes if keuzes is not None else gebruikers_met_rol(*rollen)
    if keuzes.filter(pk=gebruiker.pk).exists():
        return
    raise ValidationError(
        {
            veld: _("%(naam)s heeft niet de rol %(rol)s. Kies iemand met die rol.")
            % {"naam": _naam(gebruiker), "rol": rol_namen(rollen)}
        }
    )


def eis_rollen(
    gebruikers: Iterable[Any],
    *rollen: Rol | str,
    veld: str,
    keuzes: QuerySet[Any] | None = None,
) -> None:
    """``eis_rol`` for many users at once (a many-to-many field): one query, every name."""
    lijst = [g for g in gebruikers if g is not None]
    if not lijst:
        return
    keuzes = keuzes if keuzes is not None else gebruikers_met_rol(*rollen)
    goed = set(keuzes.filter(pk__in=[g.pk for g in lijst]).values_list("pk", flat=True))
    fout = [g for g in lijst if g.pk not in goed]
    if fout:
        raise ValidationError(
            {
                veld: _(
                    "Niet iedereen heeft de juiste rol (%(rol)s): %(namen)s. Kies alleen mensen "
                    "met die rol."
                )
                % {"rol": rol_namen(rollen), "namen": ", ".join(_naam(g) for g in fout)}
            }
        )


#: The Dutch errors of a form field whose choices come from ``gebruikers_met_rol``: a hand-made
#: POST with another id ends here (Django's default text says nothing about the role).
KEUZE_FOUT = {
    "invalid_choice": gettext_lazy("Kies iemand uit de lijst: alleen mensen met de juiste rol."),
    "invalid_pk_value": gettext_lazy("Kies iemand uit de lijst."),
}
