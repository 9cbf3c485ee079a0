"""Editors create, edit and publish items, and may publish past the quality gate with a reason."""

from django.db import migrations

from accounts.roles import grant

EDITORS = "Editors"
CODENAMES = [
    "publish_article",
    "add_article",
    "change_article",
    "view_article",
    "add_faqitem",
    "change_faqitem",
    "delete_faqitem",
    "view_faqitem",
    "add_keytakeaway",
    "change_keytakeaway",
    "delete_keytakeaway",
    "view_keytakeaway",
    "add_reference",
    "change_reference",
    "delete_reference",
    "view_reference",
    "add_correction",
    "view_correction",
    "add_section",
    "change_section",
    "view_section",
    "add_topic",
    "change_topic",
    "view_topic",
    "view_revision",
    "view_qualityfinding",
    "view_gateoverride",
]


def grant_editors(apps, schema_editor):
    grant(apps, EDITORS, "articles", CODENAMES)
    grant(apps, EDITORS, "articles", ["override_quality_gate"], model="article")


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="articles",
                codename__in=[*CODENAMES, "override_quality_gate"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_parts_quality_findings_revisions"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
