"""Forms of the advice portal. They only parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from adviesraad.models import Kernwet
from adviesraad.models.advies import Adviespunt, Oordeel, Overname, Soort
from adviesraad.models.toezeggingen import ToezeggingStatus
from hengelo_participatie.core.formulieren import PortaalFormulier

DATUM = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d")
TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
VAK = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}


class AanvraagForm(PortaalFormulier, forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=Soort.choices, widget=forms.RadioSelect)
    titel = forms.CharField(label=_("Onderwerp"), max_length=200, widget=forms.TextInput(TEKST))
    samenvatting = forms.CharField(
        label=_("Korte samenvatting"), required=False, widget=forms.Textarea(VAK)
    )
    kernwetten = forms.ModelMultipleChoiceField(
        label=_("Over welke wetten gaat het?"),
        queryset=Kernwet.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themas = forms.CharField(
        label=_("Thema's"), required=False, max_length=300, widget=forms.TextInput(TEKST)
    )
    zaaknummer = forms.CharField(
        label=_("Nummer van de gemeente voor dit onderwerp"),
        help_text=_("Alleen als u het weet. De gemeente noemt dit het zaaknummer."),
        required=False,
        max_length=50,
        widget=forms.TextInput(TEKST),
    )
    wethouder = forms.CharField(
        label=_("Verantwoordelijke wethouder"),
        required=False,
        max_length=150,
        widget=forms.TextInput(TEKST),
    )
    vragen = forms.CharField(
        label=_("Gerichte vragen aan de adviesraad"),
        required=False,
        widget=forms.Textarea(VAK),
        help_text=_("Eén vraag per regel."),
    )
    meedenken_op = forms.DateField(label=_("Datum meedenken"), required=False, widget=DATUM)
    toelichting_op = forms.DateField(label=_("Datum toelichting"), required=False, widget=DATUM)
    adviesgesprek_op = forms.DateField(label=_("Datum adviesgesprek"), required=False, widget=DATUM)

    def __init__(self, *args: Any, soorten: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [c for c in Soort.choices if c[0] in soorten]

    def service_kwargs(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["vragen"] = [r for r in d["vragen"].splitlines() if r.strip()]
        return {k: v for k, v in d.items() if v not in (None, "") or k in ("soort", "titel")}


class DocumentForm(PortaalFormulier, forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(TEKST))
    upload = forms.FileField(
        label=_("Bestand"), help_text=_("Een PDF, Word-, Excel- of OpenDocument-bestand.")
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk: alleen voor de adviesraad en betrokken medewerkers"),
        required=False,
        initial=True,
    )


#: More points than this in one advice is not a form a person fills in (and bounds the fields).
MAX_PUNTEN = 60


class ConceptForm(PortaalFormulier, forms.Form):
    inleiding = forms.CharField(label=_("Inleiding"), required=False, widget=forms.Textarea(VAK))

    def __init__(
        self, *args: Any, punten: list[Adviespunt], extra: int = 2, meer: int = 0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # As many fields as were posted (a user may have asked for more), plus ``meer`` new ones:
        # the "extra punt" button re-renders the form with one more empty field, without JS.
        aantal = len(punten) + extra
        if self.data:
            geplaatst = [
                int(k.removeprefix("punt_"))
                for k in self.data
                if k.startswith("punt_") and k.removeprefix("punt_").isdigit()
            ]
            aantal = max([aantal, *(n for n in geplaatst if n <= MAX_PUNTEN)])
        aantal = min(aantal + meer, MAX_PUNTEN)
        self.nieuw_veld = f"punt_{aantal}" if meer else ""
        for i in range(1, aantal + 1):
            self.fields[f"punt_{i}"] = forms.CharField(
                label=_("Adviespunt %(n)s") % {"n": i},
                required=False,
                widget=forms.Textarea(VAK),
                help_text=_("U mag <strong>, <em>, <ul>, <ol>, <li> en <p> gebruiken.")
                if i == 1
                else "",
            )
            if i <= len(punten):
                self.fields[f"punt_{i}"].initial = punten[i - 1].tekst
        if self.nieuw_veld:
            self.fields[self.nieuw_veld].widget.attrs["autofocus"] = True

    def punt_velden(self) -> list[Any]:
        return [self[n] for n in self.fields if n.startswith("punt_")]

    def punten(self) -> list[str]:
        return [self.cleaned_data[n] for n in self.fields if n.startswith("punt_")]


class GoedkeuringForm(PortaalFormulier, forms.Form):
    oordeel = forms.ChoiceField(
        label=_("Wat vindt u van het concept?"),
        choices=[
            (Oordeel.AKKOORD, _("Ik ga akkoord")),
            (Oordeel.WIJZIGING, _("Ik wil een wijziging")),
        ],
        widget=forms.RadioSelect,
    )
    opmerking = forms.CharField(
        label=_("Opmerking"),
        required=False,
        widget=forms.Textarea(VAK),
        help_text=_("Verplicht als u een wijziging wilt."),
    )


class BelangForm(PortaalFormulier, forms.Form):
    toelichting = forms.CharField(
        label=_("Welk belang heeft u bij deze adviesaanvraag?"), widget=forms.Textarea(VAK)
    )


class InbrengForm(PortaalFormulier, forms.Form):
    meedenken_op = forms.DateField(label=_("Datum meedenken"), required=False, widget=DATUM)
    mondelinge_inbreng = forms.CharField(
        label=_("Wat heeft de adviesraad ingebracht?"), widget=forms.Textarea(VAK)
    )


class RedenForm(PortaalFormulier, forms.Form):
    reden = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea(VAK))


class StapForm(forms.Form):
    """The confirmation of one workflow step in the admin; a reason where the table asks one."""

    reden = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, reden_verplicht: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reden_verplicht:
            self.fields["reden"].required = True
            self.fields["reden"].help_text = _("Verplicht: de reden komt in de geschiedenis.")
        else:
            del self.fields["reden"]


class KortereTermijnForm(PortaalFormulier, forms.Form):
    advies_uiterlijk = forms.DateField(
        label=_("Nieuwe datum: advies uiterlijk"),
        widget=DATUM,
        help_text=_("Eerder dan de gewone adviestermijn."),
    )
    afspraak = forms.CharField(
        label=_("Wat is afgesproken, en waarom?"),
        max_length=2000,
        widget=forms.Textarea(VAK),
        help_text=_("Bijvoorbeeld: de gemeenteraad beslist eerder, daarom een kortere termijn."),
    )


class ReactieForm(PortaalFormulier, forms.Form):
    besluitdatum = forms.DateField(label=_("Datum collegebesluit"), widget=DATUM)
    brief = forms.FileField(
        label=_("Reactiebrief (PDF)"),
        required=False,
        help_text=_("Geen brief? Dan maken wij een PDF van de reacties hieronder."),
    )

    def __init__(self, *args: Any, punten: list[Adviespunt], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.punten_lijst = punten
        for punt in punten:
            bestaand = getattr(punt, "reactie", None)
            self.fields[f"oordeel_{punt.nummer}"] = forms.ChoiceField(
                label=_("Reactie op adviespunt %(n)s") % {"n": punt.nummer},
                choices=Overname.choices,
                widget=forms.RadioSelect,
                initial=bestaand.oordeel if bestaand else None,
            )
            self.fields[f"toelichting_{punt.nummer}"] = forms.CharField(
                label=_("Reden bij adviespunt %(n)s") % {"n": punt.nummer},
                required=False,
                widget=forms.Textarea(VAK),
                initial=bestaand.toelichting if bestaand else "",
                help_text=_("Verplicht als het punt niet helemaal is overgenomen."),
            )

    def per_punt(self) -> list[tuple[Adviespunt, Any, Any]]:
        return [
            (p, self[f"oordeel_{p.nummer}"], self[f"toelichting_{p.nummer}"])
            for p in self.punten_lijst
        ]

    def punten(self) -> dict[int, tuple[str, str]]:
        return {
            p.nummer: (
                self.cleaned_data[f"oordeel_{p.nummer}"],
                self.cleaned_data[f"toelichting_{p.nummer}"],
            )
            for p in self.punten_lijst
        }


class BeleidsmedewerkerForm(forms.Form):
    """Assign the policy officer who answers for the municipality (only holders of the role)."""

    beleidsmedewerker = forms.ModelChoiceField(
        label=_("Beleidsmedewerker"),
        queryset=Adviespunt.objects.none(),
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args: Any, keuzes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["beleidsmedewerker"]
        veld.queryset = keuzes
        veld.label_from_instance = lambda u: u.get_full_name() or u.email


class OntvangstForm(forms.Form):
    geregistreerd_op = forms.DateField(
        label=_("Wanneer heeft het college het advies geregistreerd?"), widget=DATUM
    )
    zaaknummer = forms.CharField(
        label=_("Zaaknummer van de gemeente"),
        max_length=50,
        required=False,
        widget=forms.TextInput(TEKST),
    )


class VerlengenForm(forms.Form):
    nieuwe_datum = forms.DateField(label=_("Nieuwe uiterste datum voor de reactie"), widget=DATUM)
    reden = forms.CharField(
        label=_("Waarom is de termijn langer?"),
        required=False,
        widget=forms.Textarea(VAK),
        help_text=_("Deze reden staat ook in het openbare register."),
    )


class ToezeggingForm(forms.Form):
    belofte = forms.CharField(
        label=_("Wat heeft het college toegezegd?"), required=False, widget=forms.Textarea(VAK)
    )
    afdeling = forms.CharField(
        label=_("Verantwoordelijke afdeling"),
        required=False,
        max_length=200,
        widget=forms.TextInput(TEKST),
    )
    verwacht_op = forms.DateField(label=_("Verwacht klaar op"), required=False, widget=DATUM)
    status = forms.ChoiceField(
        label=_("Stand"), choices=ToezeggingStatus.choices, widget=forms.RadioSelect
    )
    vervallen_reden = forms.CharField(
        label=_("Reden van vervallen"),
        required=False,
        widget=forms.Textarea(VAK),
        help_text=_("Alleen nodig als de toezegging is vervallen."),
    )
    notitie = forms.CharField(
        label=_("Wat is er gebeurd? (voortgang)"),
        required=False,
        widget=forms.Textarea(VAK),
        help_text=_("Deze tekst komt met de datum in het openbare register, zonder uw naam."),
    )
