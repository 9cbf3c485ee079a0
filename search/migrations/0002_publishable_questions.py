"""Index version 2: publishable answered questions join the index (search/schema.py); row ids
move to a span of 5, so the index is filled again from its sources."""

from django.db import migrations

from search import schema


def install(apps, schema_editor):
    connection = schema_editor.connection
    schema.run(connection, schema.drop_triggers(connection, schema.SOURCES_V1))
    schema.run(connection, schema.install_triggers(connection, schema.SOURCES_V2))
    schema.run(connection, schema.rebuild(connection, schema.SOURCES_V2))


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    schema.run(connection, schema.drop_triggers(connection, schema.SOURCES_V2))
    schema.run(connection, schema.install_triggers(connection, schema.SOURCES_V1))
    schema.run(connection, schema.rebuild(connection, schema.SOURCES_V1))


class Migration(migrations.Migration):
    # After every migration that rebuilds a source table: on SQLite a rebuilt table loses its
    # triggers (tests/search/test_index_sync.py checks that all of them are there).
    dependencies = [
        ("search", "0001_initial"),
        ("articles", "0011_doctorquestion_excerpt_crisis_kind"),
        ("forum", "0002_item_discussions_and_moderators"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
