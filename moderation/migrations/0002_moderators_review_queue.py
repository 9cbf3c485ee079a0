"""The Moderators role works the review queue: the permission, granted as every app grants its own."""

from django.db import migrations

from accounts.roles import grant


def forward(apps, schema_editor):
    grant(apps, "Moderators", "moderation", ["review_queue"], model="reviewitem")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
