"""Forms of the portal. They only collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.formulieren import PortaalFormulier

from .models import Beoordeling, Kanaal, Kernwet, Nevenfunctieverklaring
from .models.verklaringen import CATEGORIEEN, Aanleiding
from .services.aanmelding import MOTIVATIE_MAX

_TEKST = {"class": "utrecht-textarea", "rows": 3}


class VerklaringForm(PortaalFormulier, forms.Form):
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


class BeoordelingForm(PortaalFormulier, forms.Form):
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


class AanmeldingForm(PortaalFormulier, forms.Form):
    """The public application for a vacancy (issue 15 §8). ``website`` is a honeypot: hidden from
    people (and from screen readers), filled in only by bots."""

    naam = forms.CharField(
        label=_("Uw naam"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    postcode = forms.CharField(
        label=_("Uw postcode"),
        max_length=7,
        help_text=_("Leden van de adviesraad wonen in Hengelo. Bijvoorbeeld: 7551 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    motivatie = forms.CharField(
        label=_("Waarom wilt u lid worden?"),
        max_length=MOTIVATIE_MAX,
        help_text=_(
            "Vertel wat u wilt bijdragen en welke ervaring u heeft. Ten hoogste 4000 tekens."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Welke onderwerpen vindt u belangrijk?"),
        queryset=Kernwet.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kanaal = forms.ChoiceField(
        label=_("Hoe hoorde u van deze vacature?"),
        choices=Kanaal.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    toestemming = forms.BooleanField(
        label=_("Ik geef toestemming om mijn gegevens te bewaren voor deze vacature."),
        error_messages={
            "required": _(
                "Wij kunnen uw aanmelding alleen bewaren als u daarvoor toestemming geeft."
            )
        },
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    def __init__(self, *args: object, bewaartermijn: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if bewaartermijn:
            self.fields["toestemming"].help_text = _(
                "Wij bewaren uw gegevens tot %(termijn)s na het einde van de werving. Daarna "
                "verwijderen wij ze. Alleen de selectiecommissie en de ondersteuner zien ze."
            ) % {"termijn": bewaartermijn}

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


__all__ = ["AanmeldingForm", "BeoordelingForm", "Nevenfunctieverklaring", "VerklaringForm"]
