"""The upload form (what is being uploaded, the files, the kind of new students) and the org choice."""

import io
import posixpath
import zipfile

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Student
from . import oneroster
from .files import (
    LIMIT_TEXT,
    MAX_UPLOAD_BYTES,
    UploadedFile,
    UploadProblem,
    bundle,
    check_size,
    size_text,
    zip_csv_members,
)
from .models import RosterImport

ONEROSTER, TEMPLATE = "oneroster", "template"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is cleaned like a single file (emptiness is checked by the form)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            if not data:
                return super().clean(None, initial)
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class RosterUploadForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("What are you uploading?"),
        choices=[
            (ONEROSTER, gettext_lazy("A OneRoster export from a student information system: its .zip, or its CSV "
                                     "files (orgs.csv, users.csv, classes.csv, enrollments.csv, academicSessions.csv; "
                                     "demographics.csv adds dates of birth)")),
            (TEMPLATE, gettext_lazy("Our roster template, filled in: one .csv or .xlsx file")),
        ],
        initial=ONEROSTER,
        widget=forms.RadioSelect,
    )
    files = MultipleFileField(
        label=gettext_lazy("File or files"),
        allow_empty_file=True,
        help_text=gettext_lazy("Up to 10 MB in all, so that a file is checked quickly and safely. You will see a "
                               "preview before anything changes."),
        widget=MultipleFileInput(attrs={"accept": ".zip,.csv,.xlsx"}),
        error_messages={"required": gettext_lazy("Choose the file (or files) to upload.")},
    )
    new_student_kind = forms.ChoiceField(
        label=gettext_lazy("Students who are new to the roster are"),
        choices=Student.Kind.choices,
        initial=Student.Kind.PEER,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Students already on the roster keep their kind. In the template, a filled-in "
                               "“kind” column decides instead."),
    )

    def clean(self):
        cleaned = super().clean()
        uploads, source = cleaned.get("files"), cleaned.get("source")
        if uploads and source:
            try:
                files = []
                for upload in uploads:
                    check_size(upload.name, upload.size)
                    files.append(UploadedFile(posixpath.basename(upload.name), b"".join(upload.chunks())))
                cleaned["file_format"], cleaned["name"], cleaned["data"] = prepare_upload(source, files)
            except UploadProblem as problem:
                self.add_error("files", str(problem))
        return cleaned


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def prepare_upload(source: str, files: list[UploadedFile]) -> tuple[str, str, bytes]:
    """(format, name to show, bytes to store); separate OneRoster files are stored as one zip."""
    total = sum(len(f.data) for f in files)
    if total > MAX_UPLOAD_BYTES:
        raise UploadProblem(
            _("These files are %(size)s together; the limit is %(limit)s. Export only this school, or upload the "
              "files in smaller parts.") % {"size": size_text(total), "limit": LIMIT_TEXT}
        )
    if source == TEMPLATE:
        return _prepare_template(files)
    return _prepare_oneroster(files)


def _prepare_template(files: list[UploadedFile]) -> tuple[str, str, bytes]:
    if len(files) != 1:
        raise UploadProblem(_("Upload one template file (.csv or .xlsx) at a time."))
    upload = files[0]
    extension = _extension(upload.name)
    if extension == "csv":
        return RosterImport.Format.CSV, upload.name, upload.data
    if extension == "xlsx":
        if not zipfile.is_zipfile(io.BytesIO(upload.data)):
            raise UploadProblem(_("“%(name)s” is not an Excel workbook, although its name ends in .xlsx. Save it "
                                  "again as “Excel Workbook (.xlsx)”.") % {"name": upload.name})
        return RosterImport.Format.XLSX, upload.name, upload.data
    if extension == "xls":
        raise UploadProblem(_("“%(name)s” is in the old Excel format (.xls). Save it as “Excel Workbook (.xlsx)” "
                              "or as “CSV UTF-8”.") % {"name": upload.name})
    raise UploadProblem(_("“%(name)s” is not a .csv or .xlsx file. The template comes in those two formats.")
                        % {"name": upload.name})


def _prepare_oneroster(files: list[UploadedFile]) -> tuple[str, str, bytes]:
    zips = [f for f in files if _extension(f.name) == "zip"]
    if zips:
        if len(files) > 1:
            raise UploadProblem(_("Upload either one zip or the CSV files, not both."))
        upload = zips[0]
        names = set(zip_csv_members(upload.name, upload.data))
        _require_oneroster_files(names, upload.name)
        return RosterImport.Format.ONEROSTER, upload.name, upload.data
    seen = set()
    for upload in files:
        if _extension(upload.name) != "csv":
            raise UploadProblem(_("“%(name)s” is not a CSV or zip file.") % {"name": upload.name})
        if not oneroster.is_oneroster_name(upload.name):
            raise UploadProblem(
                _("“%(name)s” is not a OneRoster file name (orgs.csv, users.csv, classes.csv, …). If it is our "
                  "template, choose “Our roster template” above.") % {"name": upload.name}
            )
        if upload.name.lower() in seen:
            raise UploadProblem(_("%(name)s is there twice. Choose each file once.") % {"name": upload.name})
        seen.add(upload.name.lower())
    _require_oneroster_files(seen, None)
    name = ", ".join(sorted(upload.name for upload in files))
    return RosterImport.Format.ONEROSTER, name, bundle(files)


def _require_oneroster_files(names: set[str], zip_name: str | None) -> None:
    missing = [oneroster.FILE_NAMES[key] for key in oneroster.REQUIRED_FILES if key not in names]
    if not missing:
        return
    if zip_name:
        raise UploadProblem(_("“%(name)s” has no %(missing)s. A OneRoster zip holds at least orgs.csv and users.csv.")
                            % {"name": zip_name, "missing": " / ".join(missing)})
    raise UploadProblem(_("Add %(missing)s: a OneRoster import needs at least orgs.csv and users.csv.")
                        % {"missing": " and ".join(missing)})


class OrgChoiceForm(forms.Form):
    org = forms.ChoiceField(label=gettext_lazy("Which org in the file is this school?"), widget=forms.RadioSelect)

    def __init__(self, *args, orgs: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [
            (org["source_id"], _("%(name)s (%(type)s, id %(id)s): %(count)s students")
             % {"name": org["name"], "type": org["type"] or "—", "id": org["source_id"], "count": org["students"]})
            for org in orgs
        ]
        if orgs:
            self.fields["org"].initial = orgs[0]["source_id"]
