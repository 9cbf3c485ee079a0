from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import ClinicianProfile, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["handle"]
    list_display = ["handle", "email", "role", "is_staff", "is_active", "date_joined"]
    list_filter = ["role", "is_staff", "is_active", "groups"]
    search_fields = ["handle", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Public profile", {"fields": ["handle", "role", "about"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]


@admin.register(ClinicianProfile)
class ClinicianProfileAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "credentials",
        "profession",
        "jurisdiction",
        "status",
        "applied_at",
    ]
    list_filter = ["status", "profession"]
    search_fields = ["full_name", "user__handle", "licence_number"]
    raw_id_fields = ["user"]
    readonly_fields = ["applied_at", "reviewed_at", "reviewed_by"]
