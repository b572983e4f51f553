from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import District, DistrictAdministrator, IEPGoal, Membership, School, Student, Term, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Peer Partners", {"fields": ("preferred_language",)}),
    )


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "level", "lowest_grade", "highest_grade"]
    list_filter = ["district", "level"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "kind", "start_date", "end_date"]
    list_filter = ["school", "kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "specialty", "is_active"]
    list_filter = ["school", "role", "is_active"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "school"]


@admin.register(DistrictAdministrator)
class DistrictAdministratorAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "is_active"]
    autocomplete_fields = ["user"]


class IEPGoalInline(admin.StackedInline):
    model = IEPGoal
    extra = 0


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "school", "kind", "grade", "is_active"]
    list_filter = ["school", "kind", "grade", "is_active"]
    search_fields = ["first_name", "last_name", "preferred_name"]
    autocomplete_fields = ["user"]
    inlines = [IEPGoalInline]
