"""Portal forms of the money pages: they only parse input; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.accounts.forms import UtrechtFormMixin

from .models import MAX_BEDRAG, Categorie

BEDRAG_FOUTEN = {
    "invalid": _("Vul een bedrag in, bijvoorbeeld 12,50."),
    "max_value": _("Vul een bedrag in tot € 100.000."),
    "min_value": _("Vul een bedrag in dat groter is dan € 0."),
    "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
    "max_digits": _("Vul een bedrag in tot € 100.000."),
    "required": _("Vul een bedrag in."),
}


def bedrag_veld(label: Any, *, minimum: Decimal | None = Decimal("0.01")) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=9,
        decimal_places=2,
        min_value=minimum,
        max_value=MAX_BEDRAG,
        localize=True,
        error_messages=BEDRAG_FOUTEN,
    )


#: Keeps a wide field (long choice labels, a text area) within a 320 px screen (portal.css).
PASSEND = "utrecht-textarea hengelo-veld-passend"


class DatumInput(forms.DateInput):
    input_type = "date"


class DeclaratieForm(UtrechtFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum van de uitgave"), widget=DatumInput)
    categorie = forms.ChoiceField(
        label=_("Categorie"),
        choices=Categorie.choices,
        widget=forms.Select(attrs={"class": "utrecht-select hengelo-veld-passend"}),
        error_messages={"invalid_choice": _("Kies een van de vijf categorieën.")},
    )
    bedrag = bedrag_veld(_("Bedrag in euro"))
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=300)
    bon = forms.FileField(
        label=_("Bon of factuur (pdf of foto)"),
        error_messages={"required": _("Voeg de bon of factuur toe.")},
    )


class StapForm(UtrechtFormMixin, forms.Form):
    naar = forms.CharField(widget=forms.HiddenInput, max_length=20)
    reden = forms.CharField(
        label=_("Reden (verplicht bij afwijzen of terugzetten)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": PASSEND}),
    )


class PeriodeForm(UtrechtFormMixin, forms.Form):
    dag = forms.DateField(label=_("Een dag in de periode"), widget=DatumInput)


class CorrectieForm(UtrechtFormMixin, forms.Form):
    lid = forms.TypedChoiceField(label=_("Lid"), coerce=int)
    bedrag = bedrag_veld(_("Bedrag in euro (negatief om terug te vorderen)"), minimum=-MAX_BEDRAG)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=300)

    def __init__(self, *args: Any, leden: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lid"].choices = leden  # type: ignore[attr-defined]


class BegrotingForm(UtrechtFormMixin, forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": PASSEND}),
    )
    vergoedingen_raming = bedrag_veld(_("Raming vrijwilligersvergoedingen"), minimum=Decimal(0))
    voorzitter_uren = forms.IntegerField(
        label=_("Uren voorzitter ad interim"), min_value=0, max_value=5000
    )
    voorzitter_uurtarief = bedrag_veld(_("Uurtarief voorzitter ad interim"), minimum=Decimal(0))
    ondersteuner_uren = forms.IntegerField(
        label=_("Uren ondersteuner"), min_value=0, max_value=5000
    )
    ondersteuner_uurtarief = bedrag_veld(_("Uurtarief ondersteuner"), minimum=Decimal(0))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for categorie in Categorie:
            self.fields[categorie.value] = bedrag_veld(categorie.label, minimum=Decimal(0))

    BUITEN = (
        "vergoedingen_raming",
        "voorzitter_uren",
        "voorzitter_uurtarief",
        "ondersteuner_uren",
        "ondersteuner_uurtarief",
    )


class AanwezigheidsregelsForm(UtrechtFormMixin, forms.Form):
    """One field per attendance rule that runs today (the rule's name as label), and why."""

    toelichting = forms.CharField(
        label=_("Toelichting voor het college"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": PASSEND}),
    )

    def __init__(self, *args: Any, regels: list[tuple[str, str, str]], **kwargs: Any) -> None:
        """``regels``: (key, name, type) per attendance rule."""
        super().__init__(*args, **kwargs)
        velden: dict[str, forms.Field] = {}
        for sleutel, naam, soort in regels:
            if soort == "percentage":
                velden[sleutel] = forms.DecimalField(
                    label=_("%(naam)s (procent)") % {"naam": naam},
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                    localize=True,
                    error_messages={
                        "invalid": _("Vul een percentage in, bijvoorbeeld 50."),
                        "required": _("Vul een percentage in."),
                        "min_value": _("Vul een percentage van 0 tot en met 100 in."),
                        "max_value": _("Vul een percentage van 0 tot en met 100 in."),
                        "max_digits": _("Vul een percentage van 0 tot en met 100 in."),
                        "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
                    },
                )
            else:
                velden[sleutel] = forms.IntegerField(
                    label=_("%(naam)s (maanden)") % {"naam": naam},
                    min_value=0,
                    max_value=120,
                    error_messages={
                        "invalid": _("Vul een heel aantal maanden in, bijvoorbeeld 3."),
                        "required": _("Vul een aantal maanden in."),
                        "min_value": _("Vul een aantal maanden van 0 tot en met 120 in."),
                        "max_value": _("Vul een aantal maanden van 0 tot en met 120 in."),
                    },
                )
        self.fields = {**velden, "toelichting": self.fields["toelichting"]}
        self.sleutels = [sleutel for sleutel, _naam, _soort in regels]
