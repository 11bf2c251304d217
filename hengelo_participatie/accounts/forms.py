from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.forms.widgets import CheckboxInput, Input
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.formulieren import PortaalFormulier

from . import mfa
from .models import User
from .roles import RAADSROLLEN, toekenbare_rollen
from .services import rol_label, rollen_wijziging_toetsen


class UtrechtFormMixin:
    """Give text inputs the NL Design System (Utrecht) classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, Input) and not isinstance(field.widget, CheckboxInput):
                classes = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{classes} utrecht-textbox".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                if "utrecht-textbox--invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = (
                        f"{widget.attrs.get('class', '')} utrecht-textbox--invalid".strip()
                    )


class LoginForm(UtrechtFormMixin, auth_forms.AuthenticationForm):
    """E-mail and password. The field is still called ``username`` (AXES_USERNAME_FORM_FIELD)."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Controleer wat u heeft ingevuld "
            "en probeer het opnieuw."
        ),
        "inactive": _("Dit account staat uit. Neem contact op met de gemeente."),
    }


class MethodeForm(PortaalFormulier, forms.Form):
    methode = forms.ChoiceField(
        label=_("Hoe wilt u uw inlogcode krijgen?"),
        widget=forms.RadioSelect,
        choices=[
            (mfa.METHODE_TOTP, _("Met een app op uw telefoon (aanbevolen)")),
            (mfa.METHODE_EMAIL, _("Met een code in uw e-mail")),
        ],
        error_messages={"required": _("Kies hoe u uw inlogcode wilt krijgen.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_methode(self) -> str:
        methode: str = self.cleaned_data["methode"]
        if methode == mfa.METHODE_EMAIL and mfa.totp_required(self.user):
            raise forms.ValidationError(
                _("Met uw account moet u een app gebruiken. Een code per e-mail kan niet."),
                code="staff_totp_only",
            )
        return methode


class CodeForm(UtrechtFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Inlogcode"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
        error_messages={
            "required": _("Vul de inlogcode in."),
            "min_length": _("De inlogcode heeft 6 cijfers."),
            "max_length": _("De inlogcode heeft 6 cijfers."),
        },
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De inlogcode bestaat alleen uit cijfers."))
        return token


class CodeAdresForm(UtrechtFormMixin, forms.Form):
    """A new address for the e-mail login code (``views.mfa_email_wijzigen``)."""

    email = forms.EmailField(
        label=_("Nieuw e-mailadres voor uw inlogcode"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul het nieuwe e-mailadres in."),
            "invalid": _("Dit is geen goed e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl."),
        },
    )

    def __init__(self, *args: Any, huidig: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.huidig = (huidig or "").lower()

    def clean_email(self) -> str:
        email: str = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if email == self.huidig:
            raise forms.ValidationError(
                _("Uw inlogcode gaat al naar dit e-mailadres. Vul een ander adres in."),
                code="zelfde",
            )
        return email


class PasswordResetForm(UtrechtFormMixin, auth_forms.PasswordResetForm):
    """Also for an active account that has no password yet (Django skips those): it gets a link
    to set one, so "Wachtwoord vergeten" never leaves someone without a way in. An account that
    was closed is inactive and gets nothing, as before."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[Any]:
        # The stored address is lower case; match it exactly, as the login does (no database
        # case folding of look-alike letters).
        yield from User.objects.filter(email=email.strip().lower(), is_active=True)


class SetPasswordForm(UtrechtFormMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord nog een keer")
        self.fields["new_password1"].help_text = _(
            "Gebruik minstens 12 tekens. Kies geen wachtwoord dat makkelijk te raden is."
        )


class PasswordChangeForm(UtrechtFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Uw huidige wachtwoord")
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord nog een keer")
        self.fields["new_password1"].help_text = _(
            "Gebruik minstens 12 tekens. Kies geen wachtwoord dat makkelijk te raden is."
        )


class UserCreationForm(auth_forms.BaseUserCreationForm):
    """Admin add form: e-mail plus password (no username)."""

    class Meta:
        model = User
        fields = ("email", "voornaam", "achternaam")


#: Fields of the user change form that nobody changes on their own account.
EIGEN_ACCOUNT_BESCHERMD = frozenset({"groups", "user_permissions", "is_staff", "is_superuser"})
#: Fields only a superuser may change (on someone else's account).
ALLEEN_SUPERUSER = frozenset({"is_superuser", "user_permissions"})


def beschermde_velden(door: Any, obj: Any) -> frozenset[str]:
    """The fields of the user change form that ``door`` may not change on ``obj``.

    The admin shows them read-only; ``UserChangeForm`` refuses them when they are posted by hand.
    ``is_staff`` always follows from the roles (``user_set_roles``). Nobody changes their own
    roles and rights, a superuser neither: raising (or dropping) rights needs a second person.
    """
    if door is None:
        return EIGEN_ACCOUNT_BESCHERMD
    velden = {"is_staff"}
    if not door.is_superuser:
        velden |= ALLEEN_SUPERUSER
    if obj is not None and obj.pk is not None and obj.pk == door.pk:
        velden |= EIGEN_ACCOUNT_BESCHERMD
    return frozenset(velden)


class RollenVeld(forms.ModelMultipleChoiceField):
    """The roles (groups) field: it lists only the roles the editor may grant.

    ``vast`` are the roles of the account that the editor may not touch (a council role, or a
    role they do not manage): they are not listed and stay as they are. A posted role outside the
    list (a forged POST) is a form error that names the role.
    """

    def __init__(self, *args: Any, vast: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vast = vast

    def clean(self, value: Any) -> list[Group]:
        vast_pks = {str(group.pk) for group in self.vast}
        gekozen = [v for v in (value or []) if str(v) not in vast_pks]
        toegestaan = {str(pk) for pk in self.queryset.values_list("pk", flat=True)}
        vreemd = [v for v in gekozen if str(v) not in toegestaan]
        if vreemd:
            namen = Group.objects.filter(
                pk__in=[v for v in vreemd if str(v).isdigit()]
            ).values_list("name", flat=True)
            raise forms.ValidationError(
                _("U mag deze rol niet geven: %(rollen)s. Kies alleen uit de rollen in de lijst.")
                % {"rollen": ", ".join(rol_label(n) for n in sorted(namen)) or ", ".join(vreemd)},
                code="rol_niet_toegestaan",
            )
        return [*super().clean(gekozen), *self.vast]


class UserChangeForm(auth_forms.UserChangeForm):
    """The admin's user form. Roles are validated here but saved by ``user_set_roles`` only.

    ``groups`` lists only what ``toekenbare_rollen(request_user)`` allows; the fields in
    ``beschermde_velden`` are read-only in the admin, and a hand-made POST that changes one of
    them is a form error (not a silent success, not a 403).
    """

    #: Set by the admin (``UserAdmin.get_form``) to the user who edits.
    request_user: Any = None

    class Meta:
        model = User
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The role names the admin passes to ``user_set_roles`` (None: not on the form).
        self.gekozen_rollen: set[str] | None = None
        if "password" in self.fields:
            self.fields["password"].label = _("Wachtwoord")
            self.fields["password"].help_text = _(
                "Wachtwoorden worden niet leesbaar opgeslagen. Niemand kan het wachtwoord zien."
            )
        if "groups" in self.fields:
            self._rollenveld()

    def _huidige_rollen(self) -> list[Group]:
        if self.instance.pk is None:
            return []
        return list(self.instance.groups.all())

    def _rollenveld(self) -> None:
        oud = self.fields["groups"]
        toekenbaar = toekenbare_rollen(self.request_user)
        vast = [g for g in self._huidige_rollen() if g.name not in toekenbaar]
        help_text = _("U kunt alleen de rollen in deze lijst geven of afnemen.")
        if vast:
            help_text += " " + _(
                "Deze rollen kunt u niet wijzigen; ze blijven zoals ze zijn: %(rollen)s."
            ) % {"rollen": ", ".join(rol_label(g.name) for g in vast)}
        if {g.name for g in vast} & {r.value for r in RAADSROLLEN}:
            help_text += " " + _(
                "Lid, voorzitter en vicevoorzitter volgen uit de zittingstermijnen en functies."
            )
        self.fields["groups"] = RollenVeld(
            queryset=Group.objects.filter(name__in=toekenbaar).order_by("name"),
            vast=vast,
            required=False,
            label=oud.label,
            help_text=help_text,
            widget=oud.widget,
        )

    def clean_groups(self) -> list[Group]:
        groups: list[Group] = self.cleaned_data["groups"]
        nieuw = {g.name for g in groups}
        huidig = {g.name for g in self._huidige_rollen()}
        try:
            rollen_wijziging_toetsen(
                user=self.instance, huidig=huidig, nieuw=nieuw, door=self.request_user
            )
        except PermissionDenied as exc:
            raise forms.ValidationError(str(exc), code="rol_niet_toegestaan") from exc
        self.gekozen_rollen = nieuw
        return groups

    def _beschermd_gepost(self) -> list[str]:
        """Protected fields that a hand-made POST tries to change (the real form omits them)."""
        gewijzigd = []
        for naam in sorted(beschermde_velden(self.request_user, self.instance)):
            if naam not in self.data:
                continue
            if naam in ("is_staff", "is_superuser"):
                waarde = CheckboxInput().value_from_datadict(self.data, self.files, naam)
                if waarde != getattr(self.instance, naam):
                    gewijzigd.append(naam)
            else:
                getlist = getattr(self.data, "getlist", None)
                gepost = getlist(naam) if getlist else self.data[naam]
                gepost = gepost if isinstance(gepost, list | tuple) else [gepost]
                huidig = (
                    set(getattr(self.instance, naam).values_list("pk", flat=True))
                    if self.instance.pk
                    else set()
                )
                if {str(v) for v in gepost if str(v)} != {str(pk) for pk in huidig}:
                    gewijzigd.append(naam)
        return gewijzigd

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        eigen = self.request_user is not None and self.instance.pk == self.request_user.pk
        if eigen and cleaned.get("is_active") is False:
            self.add_error("is_active", _("U kunt uw eigen account niet uitzetten."))
        if self._beschermd_gepost():
            if eigen:
                self.add_error(
                    None,
                    _(
                        "U kunt uw eigen rollen en rechten niet wijzigen. "
                        "Vraag dit aan een collega die accounts beheert."
                    ),
                )
            else:
                self.add_error(
                    None,
                    _(
                        "Dit mag u niet wijzigen. Toegang tot het beheer volgt uit de rollen; "
                        "losse rechten en systeembeheer geeft alleen een systeembeheerder."
                    ),
                )
        return cleaned

    def _save_m2m(self) -> None:
        """Never save the roles here: the admin passes them to ``user_set_roles`` (history,
        audit, e-mail). Other many-to-many fields (a superuser's ``user_permissions``) save."""
        groups = self.cleaned_data.pop("groups", None)
        try:
            super()._save_m2m()  # type: ignore[misc]
        finally:
            if groups is not None:
                self.cleaned_data["groups"] = groups
