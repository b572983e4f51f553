"""Peer journal forms. The peer's text is checked only as a whole (not empty, not past the limit) when it is sent:
voice-to-text writes in bursts, and nothing should complain while it does."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import JournalEntry, JournalPrompt, JournalReply

ENTRY_MAX = JournalEntry._meta.get_field("text").max_length
REPLY_MAX = JournalReply._meta.get_field("text").max_length
NOTE_MAX = JournalEntry._meta.get_field("follow_up_note").max_length
PROMPT_MAX = JournalPrompt._meta.get_field("text").max_length


class LongTextField(forms.CharField):
    """Text with line breaks counted once: a browser sends each as CR LF, but counts it as one character against
    the textarea's ``maxlength``, so a text the page accepted must not be "too long" here."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class JournalEntryForm(forms.Form):
    # A hidden field's error would not show beside it: the week is checked in ``clean()``, on top of the form.
    week = forms.CharField(widget=forms.HiddenInput, required=False)
    prompt = forms.ModelChoiceField(
        label=_("What do you want to write about?"),
        queryset=JournalPrompt.objects.none(),
        required=False,
        empty_label=_("Anything you want to write"),
        blank=True,  # a RadioSelect shows the empty choice only with it
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the questions on the list.")},
    )
    text = LongTextField(
        label=_("Your journal"),
        max_length=ENTRY_MAX,
        strip=True,
        help_text=_("Up to %(max)s characters (about two pages). You can type or use your phone's microphone.")
        % {"max": f"{ENTRY_MAX:,}"},
        widget=forms.Textarea(
            attrs={"rows": 10, "autocomplete": "off", "spellcheck": "true", "autocapitalize": "sentences"}
        ),
        error_messages={
            "required": _("Write something first. A few sentences is fine."),
            "max_length": _("That is too long: the most is %(limit_value)s characters and you have %(show_value)s."),
        },
    )
    worry_flagged = forms.BooleanField(
        label=_("I'm worried about something and would like a staff member to check in with me"),
        help_text=_("For example, if your partner was upset or something didn't feel right. Only staff will see it."),
        required=False,
    )

    def __init__(self, *args, prompts, week, already_flagged: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.week = week
        self.fields["prompt"].queryset = prompts
        self.fields["week"].initial = week
        if already_flagged:
            self.fields["worry_flagged"].disabled = True
            self.fields["worry_flagged"].initial = True
            self.fields["worry_flagged"].help_text = _(
                "You asked for a check-in. A staff member will talk with you soon."
            )

    def clean_week(self):
        try:
            week = datetime.date.fromisoformat(self.cleaned_data["week"])
        except ValueError:
            week = None
        if week != self.week:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "A new week has started since you opened this page. Your journal goes into this week "
                        "(the week of %(week)s): check it and save again."
                    )
                    % {"week": f"{self.week:%B %-d}"}
                ),
            )
        return week


class PromptForm(forms.ModelForm):
    class Meta:
        model = JournalPrompt
        fields = ["text"]
        labels = {"text": _("Question or prompt")}
        help_texts = {"text": _("A short question peers can answer in a few sentences.")}
        error_messages = {"text": {"required": _("Write the prompt.")}}
        widgets = {"text": forms.TextInput(attrs={"autocomplete": "off"})}


class ReplyForm(forms.Form):
    text = LongTextField(
        label=_("Your reply"),
        max_length=REPLY_MAX,
        help_text=_("The peer reads it under their entry on their journal page (no email is sent)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a reply first.")},
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=NOTE_MAX,
        help_text=_('e.g. "Talked with her at lunch; her partner had a hard morning. Told the special educator."'),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say in a few words what was done.")},
    )


class JournalFilterForm(forms.Form):
    peer = forms.TypedChoiceField(label=_("Peer"), coerce=int, required=False, empty_value=None)
    needs_reply = forms.BooleanField(label=_("Needs a reply"), required=False)

    def __init__(self, *args, peers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].choices = [("", _("Every peer")), *((p.pk, p.full_name) for p in peers)]
