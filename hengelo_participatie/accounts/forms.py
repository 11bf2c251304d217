from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.forms.widgets import CheckboxInput, Input
from django.utils.translation import gettext_lazy as _

from . import mfa
from .models import User


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


class MethodeForm(forms.Form):
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
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


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


class UserChangeForm(auth_forms.UserChangeForm):
    #: Set by the admin (``UserAdmin.get_form``) to the user who edits.
    request_user: Any = None

    class Meta:
        model = User
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].label = _("Wachtwoord")
            self.fields["password"].help_text = _(
                "Wachtwoorden worden niet leesbaar opgeslagen. Niemand kan het wachtwoord zien."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            self.request_user is not None
            and self.instance.pk == self.request_user.pk
            and cleaned.get("is_active") is False
        ):
            self.add_error("is_active", _("U kunt uw eigen account niet uitzetten."))
        return cleaned
