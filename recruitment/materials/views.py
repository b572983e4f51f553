"""Thin views: resolve the campaign through the scoped selector, call a service, render.

Reading and downloading need ``view_recruitment``; (re)rendering needs ``manage_recruitment``.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from recruitment.models import RecruitmentMaterial
from schools.mixins import SchoolPermissionMixin

from . import pdf, selectors, services

Status = RecruitmentMaterial.Status


def _check_material(kind: str, paper: str) -> None:
    if kind not in RecruitmentMaterial.Kind.values or paper not in RecruitmentMaterial.Paper.values:
        raise Http404


class MaterialListView(SchoolPermissionMixin, TemplateView):
    """The campaign's brochure and poster on each paper size: prepare, follow the progress, download, preview."""

    permission = "view_recruitment"
    template_name = "recruitment/materials/material_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = selectors.material_campaign(access=self.request.access, pk=self.kwargs["pk"])
        slots = selectors.material_slots(campaign=campaign)
        context.update(
            campaign=campaign,
            slots=slots,
            Status=Status,
            running=any(slot.status == Status.RENDERING for slot in slots),
            form_url=selectors.form_url(campaign),
            address_mismatch=selectors.qr_address_mismatch(campaign=campaign, request_host=self.request.get_host()),
        )
        return context


class MaterialProgressView(SchoolPermissionMixin, View):
    """A small JSON answer for the page's progress bar (static/js/import-progress.js polls it)."""

    permission = "view_recruitment"

    def get(self, request, pk):
        campaign = selectors.material_campaign(access=request.access, pk=pk)
        slots = selectors.material_slots(campaign=campaign)
        rendering = sum(slot.status == Status.RENDERING for slot in slots)
        data = {
            "running": rendering > 0,
            "status_label": str(Status.RENDERING.label) if rendering else str(Status.READY.label),
            "processed": 0,
            "total": 0,
            "percent": 0,
            "materials": [
                {"kind": slot.kind, "paper": slot.paper, "status": slot.status} for slot in slots
            ],
            "detail_url": reverse("recruitment:material_list", kwargs={"pk": pk}),
        }
        return JsonResponse(data)


class MaterialRenderView(SchoolPermissionMixin, View):
    """Prepare (or prepare again) one material; an unchanged program answers with the stored file at once."""

    permission = "manage_recruitment"
    http_method_names = ["post"]

    def post(self, request, pk, kind, paper):
        _check_material(kind, paper)
        campaign = selectors.material_campaign(access=request.access, pk=pk)
        material = services.material_request(campaign=campaign, kind=kind, paper=paper)
        # Without a worker (no REDIS_URL) the task has already run after the commit: say how it went.
        material.refresh_from_db()
        if material.status == Status.READY:
            messages.success(request, _("%(material)s is ready to download.") % {"material": material})
        elif material.status == Status.FAILED:
            messages.error(request, _("%(material)s could not be prepared. Please try again later.") % {
                "material": material
            })
        else:
            messages.info(request, _("%(material)s is being prepared.") % {"material": material})
        return redirect("recruitment:material_list", pk=campaign.pk)


class MaterialDownloadView(SchoolPermissionMixin, View):
    permission = "view_recruitment"

    def get(self, request, pk, kind, paper):
        _check_material(kind, paper)
        campaign = selectors.material_campaign(access=request.access, pk=pk)
        material = (
            RecruitmentMaterial.objects.visible_to(request.access)
            .filter(campaign=campaign, kind=kind, paper=paper, status=Status.READY)
            .exclude(file="")
            .select_related("campaign__program")
            .first()
        )
        if material is None:
            raise Http404
        try:
            # A brochure is tens of kilobytes: read it whole, so no file handle outlives the request.
            with material.file.open("rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise Http404 from None
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{services.material_filename(material)}"'
        return response


class MaterialPreviewView(SchoolPermissionMixin, View):
    """The same HTML the PDF prints, in the browser: check the words before printing."""

    permission = "view_recruitment"

    def get(self, request, pk, kind, paper):
        _check_material(kind, paper)
        campaign = selectors.material_campaign(access=request.access, pk=pk)
        content = selectors.material_content(campaign=campaign)
        html = pdf.material_html(
            content=content,
            kind=kind,
            paper=paper,
            preview=True,
            back_url=reverse("recruitment:material_list", kwargs={"pk": campaign.pk}),
            address_mismatch=selectors.qr_address_mismatch(campaign=campaign, request_host=request.get_host()),
        )
        return HttpResponse(html)
