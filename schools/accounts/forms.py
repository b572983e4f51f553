"""Forms of a person's own account: the second step, and changes that ask for the password again."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from ..models import User


def password_matches(request, user, password: str) -> bool:
    """The password typed again, checked like a sign-in: through ``authenticate`` with the request, so a wrong one
    counts toward the account's lockout (django-axes) and a locked-out account is refused even with the right one."""
    if request is None:
        return user.check_password(password)
    return authenticate(request, username=user.get_username(), password=password) is not None


class CurrentPasswordMixin:
    """Asks for the current password again before a change to how the account signs in (issue 11)."""

    request = None

    def add_password_field(self, user, request=None):
        self.user = user
        self.request = request
        self.fields["current_password"] = forms.CharField(
            label=_("Your current password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        )

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not password_matches(self.request, self.user, password):
            raise forms.ValidationError(_("That is not your current password."), code="password_incorrect")
        return password


class PasswordConfirmForm(CurrentPasswordMixin, forms.Form):
    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_password_field(user, request)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, with the old password checked like a sign-in (counted toward the lockout)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_matches(self.request, self.user, old_password):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Type the code.")},
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Type the code.")},
    )


class AccountForm(CurrentPasswordMixin, forms.ModelForm):
    """Name and email. A new email address asks for the password, because reset links go there."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email"]
        error_messages = {"email": {"invalid": _("Enter an email address such as name@school.org.")}}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_password_field(self.instance, request)
        self.fields["current_password"].required = False
        self.fields["current_password"].help_text = _("Needed only when you change your email address.")

    def clean_current_password(self):
        return self.cleaned_data["current_password"]

    def clean(self):
        cleaned = super().clean()
        original = User.objects.get(pk=self.instance.pk).email
        if "email" in cleaned and cleaned["email"].strip().lower() != original.strip().lower():
            if not password_matches(self.request, self.user, cleaned.get("current_password") or ""):
                self.add_error("current_password", _("Type your current password to change your email address."))
            elif (
                cleaned["email"]
                and User.objects.exclude(pk=self.instance.pk).filter(email__iexact=cleaned["email"]).exists()
            ):
                self.add_error("email", _("Another account uses this email address."))
        return cleaned


class StudentSignInForm(forms.Form):
    """The username of a peer's or student's new sign-in (no email needed); a re-issued code keeps the username."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and . - _ only, e.g. sofia.r. The student types it to sign in."),
        validators=[User.username_validator],
        error_messages={"required": _("Choose a username.")},
    )

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student
        if student.user_id:
            del self.fields["username"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Someone already has this username. Choose another one."))
        return username
