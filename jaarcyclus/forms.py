"""Forms of the yearly cycle. People fields offer only who holds the matching capability."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.accounts.toewijzing import houders_van
from verordening.models import Artikel, Samenwerkingsafspraken

from .models import ActieStatus, EvaluatieSoort, Vraag, VraagSoort
from .policies import DEELNEMEN

SCORES = [(str(i), str(i)) for i in range(1, 6)]
SCORE_UITLEG = _("1 = helemaal oneens, 3 = neutraal, 5 = helemaal eens")


class Persoonkeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class Personenkeuze(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class EvaluatieForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort evaluatie"), choices=EvaluatieSoort.choices)
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    titel = forms.CharField(
        label=_("Titel"), max_length=200, required=False, help_text=_("Leeg: de soort en het jaar.")
    )
    deelnemers = Personenkeuze(
        label=_("Deelnemers"),
        queryset=houders_van(DEELNEMEN),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie de vragenlijst invult."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Re-appointment evaluations are recorded with the member's term (membership pages).
        self.fields["soort"].choices = [
            c for c in EvaluatieSoort.choices if c[0] != EvaluatieSoort.HERBENOEMING
        ]


class VraagForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort vraag"), choices=VraagSoort.choices)
    tekst = forms.CharField(label=_("Vraag of stelling"), max_length=500)


class AfrondenForm(forms.Form):
    resultaten = forms.CharField(
        label=_("Resultaten (intern verslag)"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ActieForm(forms.Form):
    omschrijving = forms.CharField(label=_("Vervolgactie"), max_length=500)
    eigenaar = Persoonkeuze(label=_("Eigenaar"), queryset=houders_van(DEELNEMEN))
    uiterlijk = forms.DateField(label=_("Klaar op"), widget=forms.DateInput(attrs={"type": "date"}))


class ConclusieForm(forms.Form):
    tekst = forms.CharField(label=_("Conclusie"), widget=forms.Textarea(attrs={"rows": 3}))
    artikelen = forms.ModelMultipleChoiceField(
        label=_("Artikelen van de verordening die het wil veranderen"),
        queryset=Artikel.objects.select_related("verordening").order_by("verordening", "pk"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    samenwerkingsafspraken = forms.ModelChoiceField(
        label=_("Samenwerkingsafspraken die het wil veranderen"),
        queryset=Samenwerkingsafspraken.objects.order_by("-jaar"),
        required=False,
    )


class ActieStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActieStatus.choices)


class VragenlijstForm(forms.Form):
    """One field per question: a 1–5 radio for a statement, a text area for an open question."""

    def __init__(self, *args: Any, vragen: list[Vraag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for vraag in vragen:
            naam = f"vraag_{vraag.pk}"
            if vraag.soort == VraagSoort.STELLING:
                self.fields[naam] = forms.TypedChoiceField(
                    label=vraag.tekst,
                    choices=SCORES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=SCORE_UITLEG,
                )
            else:
                self.fields[naam] = forms.CharField(
                    label=vraag.tekst,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def antwoorden(self) -> dict[int, Any]:
        return {int(k.removeprefix("vraag_")): v for k, v in self.cleaned_data.items()}
