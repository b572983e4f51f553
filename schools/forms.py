from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from .tasks import send_email


class SignInForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "That username and password do not match. Check them and try again; "
            "usernames and passwords are case-sensitive."
        ),
        "inactive": _("This account is switched off. Ask your program coordinator for help."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """Sends the reset email through Celery, so a slow mail server never holds the page."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address such as name@school.org.")},
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=[to_email]))
