"""The "Item discussions" category every item's thread lives in, and the moderators' permission."""

from django.db import migrations

from accounts.roles import grant


def forward(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    Category.objects.get_or_create(
        slug="item-discussions",
        defaults={
            "name": "Item discussions",
            "description": "One thread for every published item: talk it through with others.",
            "position": 0,
            "members_can_start_threads": False,
        },
    )
    grant(apps, "Moderators", "forum", ["moderate_thread"])


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
