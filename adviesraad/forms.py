"""Forms of the portal. They only collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Beoordeling, Nevenfunctieverklaring
from .models.verklaringen import CATEGORIEEN, Aanleiding

_TEKST = {"class": "utrecht-textarea", "rows": 3}


class VerklaringForm(forms.Form):
    """The five questions of Bijlage 6, each a yes/no with an explanation, plus free text."""

    aanleiding = forms.ChoiceField(
        label=_("Waarom vult u deze verklaring in?"),
        choices=Aanleiding.choices,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
    )
    overige_toelichting = forms.CharField(
        label=_("Wilt u nog iets anders melden?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=_TEKST),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for naam, vraag in CATEGORIEEN.items():
            self.fields[naam] = forms.TypedChoiceField(
                label=vraag,
                choices=[("nee", _("Nee")), ("ja", _("Ja"))],
                coerce=lambda waarde: waarde == "ja",
                widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
            )
            self.fields[f"{naam}_toelichting"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs=_TEKST),
            )

    def vragen(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[naam], self[f"{naam}_toelichting"]) for naam in CATEGORIEEN]


class BeoordelingForm(forms.Form):
    beoordeling = forms.ChoiceField(
        label=_("Uw beoordeling"),
        choices=[c for c in Beoordeling.choices if c[0] != Beoordeling.OPEN],
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
    )
    afspraak = forms.CharField(
        label=_("Afspraak die u samen heeft gemaakt"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=_TEKST),
    )


__all__ = ["BeoordelingForm", "Nevenfunctieverklaring", "VerklaringForm"]
