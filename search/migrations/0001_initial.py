"""The search index and its triggers, per database (see search/schema.py), filled from what
already exists."""

import django.contrib.postgres.search
from django.db import migrations, models

from search import schema


def install(apps, schema_editor):
    connection = schema_editor.connection
    schema.run(connection, schema.create_table(connection))
    schema.run(connection, schema.install_triggers(connection, schema.SOURCES_V1))
    schema.run(connection, schema.rebuild(connection, schema.SOURCES_V1))


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    schema.run(connection, schema.drop_triggers(connection, schema.SOURCES_V1))
    schema.run(connection, schema.drop_table(connection))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0005_ask_doctor_roles"),
        ("forum", "0002_item_discussions_and_moderators"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("item", "Items"),
                            ("thread", "Forum threads"),
                            ("post", "Forum posts"),
                            ("qa", "Questions answered"),
                        ],
                        max_length=8,
                    ),
                ),
                ("object_id", models.BigIntegerField()),
                ("title", models.TextField()),
                ("body", models.TextField()),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "verbose_name_plural": "search entries",
                "db_table": "search_entry",
                "managed": False,
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
