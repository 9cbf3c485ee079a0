"""Clinicians may answer ask-the-doctor questions.

Opening private questions from the admin is a separate permission
(`view_private_doctorquestion`), given by staff to chosen people, not to a whole role.
"""

from django.db import migrations

from accounts.roles import grant


def grant_clinicians(apps, schema_editor):
    grant(apps, "Clinicians", "articles", ["answer_doctorquestion"])


def revoke_clinicians(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Clinicians").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                codename="answer_doctorquestion", content_type__app_label="articles"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_ask_doctor"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_clinicians, revoke_clinicians)]
