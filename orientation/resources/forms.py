"""Forms of the resource library and of an orientation's materials: a file (checked by content and size like an
approval document) or an http(s) link, never both, never neither."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from schools.documents import ACCEPT, MAX_DOCUMENT_SIZE, check_document

from ..models import Resource
from .services import HTTP_ONLY

LONG_TEXT = 2000  # characters: a few lines about the resource, a stop for pasted documents
FILE_HELP = _("A PDF, a Word document (.docx), or a PNG or JPEG image, up to %(limit)s MB.") % {
    "limit": MAX_DOCUMENT_SIZE // (1024 * 1024)
}
FILE_OR_LINK = _("Upload a file or give a link.")
NOT_BOTH = _("Upload a file or give a link, not both.")
TOPIC_CHOICE_ERROR = _("Choose topics of your school's library from the list.")
TAG_CHOICE_ERROR = _("Choose what the resource is about from the list.")


def _link_field() -> forms.URLField:
    field = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A web page or video, starting with http:// or https://."),
    )
    field.validators.append(HTTP_ONLY)
    return field


def _file_field(label) -> forms.FileField:
    return forms.FileField(
        label=label, required=False, widget=forms.FileInput(attrs={"accept": ACCEPT}), help_text=FILE_HELP
    )


class FileOrLinkMixin:
    """``file`` (checked by its content) or ``url``, exactly one of them; ``has_file`` says a file is already there."""

    has_file = False

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document(upload)
        return upload or None

    def clean(self):
        cleaned = super().clean()
        upload, url = cleaned.get("file"), cleaned.get("url")
        if self.errors.get("file") or self.errors.get("url"):
            return cleaned
        keeps_file = self.has_file and not cleaned.get("remove_file") and not url
        if upload and url:
            self.add_error("url", NOT_BOTH)
        elif not upload and not url and not keeps_file:
            self.add_error("file", FILE_OR_LINK)
        return cleaned


class ResourceForm(FileOrLinkMixin, forms.ModelForm):
    file = _file_field(_("File"))
    url = _link_field()
    tags = forms.MultipleChoiceField(
        label=_("What it is about"),
        choices=Resource.Tag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": TAG_CHOICE_ERROR},
    )

    class Meta:
        model = Resource
        fields = ["title", "description", "url", "tags", "topics", "shared_with_district"]
        widgets = {"topics": forms.CheckboxSelectMultiple}
        error_messages = {"topics": {"invalid_choice": TOPIC_CHOICE_ERROR, "invalid_pk_value": TOPIC_CHOICE_ERROR}}

    def __init__(self, *args, topics, is_model_school: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = bool(self.instance.pk and self.instance.file)
        self.fields["topics"].queryset = topics
        self.fields["topics"].required = False
        self.fields["topics"].help_text = _("Topics of your school's library this resource helps to cover.")
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT})
        self.fields["description"].validators.append(MaxLengthValidator(LONG_TEXT))
        self.fields["shared_with_district"].help_text = (
            _("Your school is a district model school: the district's other schools will see this resource.")
            if is_model_school
            else _(
                "Only a district model school's shared resources reach the district's other schools. Your school "
                "has no district model program, so this resource stays in your school until it has one."
            )
        )
        fields = ["title", "description", "file", "url"]
        if self.has_file:
            self.fields["remove_file"] = forms.BooleanField(
                label=_("Remove the current file (give a link instead)"), required=False
            )
            self.fields["file"].help_text = _("Upload a new file to replace the current one. %(help)s") % {
                "help": FILE_HELP
            }
            fields.append("remove_file")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("The resource"), *fields),
            Fieldset(_("Tags"), "tags", "topics"),
            Fieldset(_("Sharing"), "shared_with_district"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and cleaned.get("remove_file"):
            self.add_error("remove_file", _("Upload a new file or remove the current one, not both."))
        return cleaned

    def _post_clean(self):
        # The service builds and validates the row (the file is stored under a random name first).
        pass


class MaterialFromLibraryForm(forms.Form):
    resource = forms.ModelChoiceField(
        label=_("Resource from the library"),
        queryset=Resource.objects.none(),
        error_messages={"invalid_choice": _("Choose a resource of your library from the list.")},
    )

    def __init__(self, *args, resources, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources
        # Another school's shared resource is marked with its school's name, as in the library.
        self.fields["resource"].label_from_instance = lambda resource: (
            resource.title if resource.school_id == school.pk else f"{resource.title} ({resource.school.name})"
        )
        self.helper = FormHelper(self)
        self.helper.form_tag = False


class MaterialForm(FileOrLinkMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = _file_field(_("File"))
    url = _link_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
