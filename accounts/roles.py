"""The role groups, and how migrations give them permissions.

The names are for creating and filling groups (migrations, demo users, verification, which
moves a member in or out of the Clinicians group); predicates never read them, they ask for
the permissions (accounts/permissions.py).
"""

CLINICIANS = "Clinicians"
MODERATORS = "Moderators"
EDITORS = "Editors"
ROLE_GROUPS = (CLINICIANS, MODERATORS, EDITORS)


def grant(
    apps, group_name: str, app_label: str, codenames: list[str], *, model: str | None = None
) -> None:
    """Add permissions to a role group, creating the permission rows if migrate has not yet.

    The model is read from a default codename ("change_article" → article); name it with
    `model=` for a custom permission whose codename does not end in the model's name
    ("override_quality_gate", declared on Article).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=group_name)
    for codename in codenames:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model or codename.split("_", 1)[1]
        )
        permission, _ = Permission.objects.get_or_create(
            codename=codename,
            content_type=content_type,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        group.permissions.add(permission)
