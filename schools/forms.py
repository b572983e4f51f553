import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Student
from .outbox.services import outbox_email

security_log = logging.getLogger("peerpartners.security")


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
        # Peers and students sign in with the code their coordinator gave them.
        self.fields["password"].label = _("Password or sign-in code")
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

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_email(self):
        """At most PASSWORD_RESET_RATE requests per address per hour, known address or not, so nobody can flood an
        inbox and the answer does not tell which addresses have accounts. django-axes counts sign-ins only."""
        email = self.cleaned_data["email"]
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        # A fixed one-hour window read from the clock (not the cache's expiry), so it behaves the same on every cache.
        window = int(timezone.now().timestamp() // 3600)
        key = f"password-reset:{digest}:{window}"
        cache.add(key, 0, timeout=60 * 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, count := 1, timeout=60 * 60)
        if count > settings.PASSWORD_RESET_RATE:
            # The address itself stays out of the log: its hash is enough to see repeats.
            security_log.warning(
                "password_reset.throttled email_sha256=%s ip=%s",
                digest,
                self.request.META.get("REMOTE_ADDR", "") if self.request else "",
            )
            raise forms.ValidationError(
                _("Too many reset requests for this email address. Try again later, or ask your coordinator."),
                code="throttled",
            )
        return email

    def get_users(self, email):
        """Never an account that belongs to a peer or student: their coordinator issues a new sign-in code instead
        (children under 13 get no email of their own, even when an address was stored)."""
        return (user for user in super().get_users(email) if not Student.objects.filter(user=user).exists())

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        outbox_email(subject=subject, body=body, to=[to_email])


def show_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
