"""Forms of the staff sign-in: password first, then a six-digit TOTP code."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.signin import MaximumLengthValidator
from weerbaar.web.forms import UtrechtFormMixin

_six_digits = RegexValidator(r"^[0-9]{6}$", _("Vul de zes cijfers uit uw authenticator-app in."))


class LoginForm(UtrechtFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )

    def clean_password(self) -> str:
        # As accounts.signin.MaximumLengthValidator: nothing longer is hashed (ASVS 2.1.2). Checked here, not with
        # max_length, which would add a maxlength attribute and let the browser cut a pasted password short.
        password: str = self.cleaned_data["password"]
        MaximumLengthValidator().validate(password)
        return password


class TokenForm(UtrechtFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("Zes cijfers, bijvoorbeeld 123456."),
        # One rule for the length and the digits (the regex): min_length and max_length next to it gave a short
        # code the same message twice, in the summary and at the field.
        validators=[_six_digits],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "size": "6",
                "maxlength": "6",
            }
        ),
        error_messages={"required": _("Vul de code in.")},
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "")


class RecoveryCodeForm(UtrechtFormMixin, forms.Form):
    """A one-time recovery code instead of the TOTP code (``accounts.recovery``); checked by the service."""

    prefix = "recovery"
    recovery_code = forms.CharField(
        label=_("Herstelcode"),
        help_text=_("Tien letters en cijfers, zoals u ze bewaarde, bijvoorbeeld abcde-23456."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("Vul een van uw herstelcodes in.")},
    )
