"""Give a role's group the permissions it needs. Used by each app's data migrations."""


def grant(apps, group_name: str, app_label: str, codenames: list[str]) -> None:
    """Add permissions to a role group, creating the permission rows if migrate has not yet."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=group_name)
    for codename in codenames:
        model = codename.split("_", 1)[1]
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            codename=codename,
            content_type=content_type,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        group.permissions.add(permission)
