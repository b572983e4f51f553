from django.contrib import admin

from .models import (
    ActionItem,
    BudgetItem,
    DistrictApproval,
    ExpansionStage,
    PlanningMeeting,
    PlanningTeamMember,
    Program,
    ProgramParticipant,
)


class PlanningTeamMemberInline(admin.TabularInline):
    model = PlanningTeamMember
    extra = 0
    raw_id_fields = ["user"]


class ExpansionStageInline(admin.TabularInline):
    model = ExpansionStage
    extra = 0


class BudgetItemInline(admin.TabularInline):
    model = BudgetItem
    extra = 0


class DistrictApprovalInline(admin.TabularInline):
    model = DistrictApproval
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "form", "status", "is_model_program"]
    list_filter = ["school", "status", "form"]
    search_fields = ["name"]
    filter_horizontal = ["terms"]
    inlines = [PlanningTeamMemberInline, ExpansionStageInline, BudgetItemInline, DistrictApprovalInline]


@admin.register(ProgramParticipant)
class ProgramParticipantAdmin(admin.ModelAdmin):
    list_display = ["student", "program", "status", "joined_on"]
    list_filter = ["program", "status"]
    raw_id_fields = ["student"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(PlanningMeeting)
class PlanningMeetingAdmin(admin.ModelAdmin):
    list_display = ["program", "held_on"]
    list_filter = ["program"]
    inlines = [ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description", "program", "owner", "due_on", "completed_on", "reminder_sent_at"]
    list_filter = ["program", "completed_on"]
    raw_id_fields = ["owner", "meeting"]
