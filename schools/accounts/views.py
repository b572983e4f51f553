"""A person's own account: the second step at sign-in (set up, check, manage) and name and email."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import UpdateView

from . import two_factor
from .demo_codes import demo_code
from .forms import AccountForm, CodeForm, PasswordChangeForm, PasswordConfirmForm, SetupCodeForm

RECOVERY_CODES_SESSION_KEY = "two_factor_new_recovery_codes"


def next_url(request, default="dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


class OwnAccountMixin(LoginRequiredMixin):
    """Pages of one's own account; peers and students have none of them (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not two_factor.may_use_second_factor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TwoFactorSetupView(OwnAccountMixin, View):
    """Scan the QR code (or type the key), then confirm with a first code."""

    template_name = "schools/account/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and two_factor.has_second_factor(user):
            # Replacing the app goes through removing it (with the password) on the manage page; someone who has not
            # passed the second step this session must never reach a setup that would bypass it.
            target = "two_factor_manage" if user.is_verified() else "two_factor_verify"
            return redirect(target)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, request, form, status=200):
        device = two_factor.authenticator_start(user=request.user)
        context = {
            "form": form,
            "qr_svg": two_factor.qr_code_svg(device),
            "manual_key": two_factor.manual_entry_key(device),
            "required": two_factor.requires_second_factor(request.user),
            "next": next_url(request),
            "demo_code": demo_code(request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request, SetupCodeForm())

    def post(self, request):
        form = SetupCodeForm(request.POST)
        if form.is_valid():
            device = two_factor.authenticator_start(user=request.user)
            codes = two_factor.authenticator_confirm(request=request, device=device, code=form.cleaned_data["code"])
            if codes is not None:
                request.session[RECOVERY_CODES_SESSION_KEY] = codes
                messages.success(request, _("Your second step is set up."))
                return redirect(reverse("two_factor_recovery_codes") + "?" + urlencode({"next": next_url(request)}))
            form.add_error(
                "code",
                _("That code did not match. Check the app shows Peer Partners, then type the code it shows now."),
            )
        return self.render_page(request, form)


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """The second step at sign-in: a code from the app or a recovery code."""

    template_name = "schools/account/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and (user.is_verified() or not two_factor.has_second_factor(user)):
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, self.context(request, CodeForm()))

    @staticmethod
    def context(request, form) -> dict:
        return {"form": form, "next": next_url(request), "demo_code": demo_code(request.user)}

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            outcome = two_factor.second_factor_verify(request=request, code=form.cleaned_data["code"])
            if outcome == "ok":
                return redirect(next_url(request))
            if outcome == "throttled":
                form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
            else:
                form.add_error("code", _("That code did not match. Codes change every 30 seconds: try the new one."))
        return render(request, self.template_name, self.context(request, form))


class VerifiedSessionMixin(OwnAccountMixin):
    """These pages sit on the middleware's allow-list, so they check the second step themselves: with only the
    password, nobody may remove the app or read new recovery codes."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_verified() and two_factor.has_second_factor(user):
            return redirect("two_factor_verify")
        return super().dispatch(request, *args, **kwargs)


class TwoFactorManageView(VerifiedSessionMixin, View):
    """Whether the second step is on, how many recovery codes are left; new codes or removal ask for the password."""

    template_name = "schools/account/two_factor_manage.html"

    def render_page(self, request, regenerate_form=None, remove_form=None, status=200):
        user = request.user
        context = {
            "device": two_factor.authenticator_for(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.requires_second_factor(user),
            "regenerate_form": regenerate_form or PasswordConfirmForm(user=user, prefix="regenerate"),
            "remove_form": remove_form or PasswordConfirmForm(user=user, prefix="remove"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request)


class TwoFactorRegenerateView(TwoFactorManageView):
    http_method_names = ["post"]

    def post(self, request):
        form = PasswordConfirmForm(request.POST, user=request.user, request=request, prefix="regenerate")
        if not two_factor.has_second_factor(request.user):
            messages.error(request, _("Set up the second step first."))
            return redirect("two_factor_manage")
        if not form.is_valid():
            return self.render_page(request, regenerate_form=form)
        request.session[RECOVERY_CODES_SESSION_KEY] = two_factor.recovery_codes_issue(user=request.user)
        messages.success(request, _("New recovery codes are ready. The old ones no longer work."))
        return redirect("two_factor_recovery_codes")


class TwoFactorRemoveView(TwoFactorManageView):
    http_method_names = ["post"]

    def post(self, request):
        form = PasswordConfirmForm(request.POST, user=request.user, request=request, prefix="remove")
        if not form.is_valid():
            return self.render_page(request, remove_form=form)
        two_factor.second_factor_remove(request=request, user=request.user)
        if two_factor.requires_second_factor(request.user):
            messages.info(request, _("The old app no longer works. Set up the new one now."))
            return redirect("two_factor_setup")
        messages.success(request, _("The second step is off."))
        return redirect("two_factor_manage")


class RecoveryCodesView(VerifiedSessionMixin, View):
    """New recovery codes, shown once: reloading the page does not show them again."""

    def get(self, request):
        codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
        return render(
            request, "schools/account/recovery_codes.html", {"codes": codes, "next": next_url(request, "dashboard")}
        )


class AccountView(OwnAccountMixin, UpdateView):
    """Your account: name and email (a new email asks for the password), with links to the password and the second
    step."""

    form_class = AccountForm
    template_name = "schools/account/account.html"

    def get_object(self, queryset=None):
        return self.request.user

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_second_factor"] = two_factor.has_second_factor(self.request.user)
        return context

    def form_valid(self, form):
        form.save()
        two_factor.log.info("account.updated user_id=%s fields=%s", self.request.user.pk, ",".join(form.changed_data))
        messages.success(self.request, _("Your account is saved."))
        return redirect("account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page; the old password counts toward the account's lockout like a sign-in."""

    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
