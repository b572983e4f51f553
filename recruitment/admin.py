from django.contrib import admin

from .models import (
    CampaignChannel,
    GuardianConsent,
    Match,
    MatchingSettings,
    Nomination,
    PeerApplication,
    RecruitmentCampaign,
    RecruitmentMaterial,
)


class CampaignChannelInline(admin.TabularInline):
    model = CampaignChannel
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(RecruitmentCampaign)
class RecruitmentCampaignAdmin(admin.ModelAdmin):
    list_display = ["program", "term", "accepting_applications", "target_peers"]
    list_filter = ["accepting_applications"]
    inlines = [CampaignChannelInline]


@admin.register(PeerApplication)
class PeerApplicationAdmin(admin.ModelAdmin):
    list_display = ["first_name", "last_name", "grade", "campaign", "status", "submitted_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["first_name", "last_name"]
    raw_id_fields = ["student", "nomination", "decided_by"]
    filter_horizontal = ["available_periods"]
    # The guardian changes only on the review's "Change the parent or guardian" page, which keeps the consent tied to
    # the address it was given from; duplicates are resolved on their own page.
    readonly_fields = ["guardian_name", "guardian_email", "possible_duplicate_of", "history"]


@admin.register(GuardianConsent)
class GuardianConsentAdmin(admin.ModelAdmin):
    """Consent answers are the guardian's: support staff read them, never write them."""

    list_display = ["guardian_name", "application", "status", "responded_at", "valid_until"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in GuardianConsent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "nominated_by", "invited_at"]
    raw_id_fields = ["student", "nominated_by"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["focus_student", "peer", "program", "term", "status"]
    list_filter = ["status", "program"]
    raw_id_fields = ["focus_student", "peer"]


admin.site.register(MatchingSettings)
admin.site.register(RecruitmentMaterial)
