"""Who may do what with items. Staff powers go through the admin, which needs MFA."""

from accounts.permissions import can_use_admin


def can_preview(user, article=None) -> bool:
    """See an item that readers cannot (draft, in review, scheduled): editors and staff writers."""
    return can_use_admin(user) and user.has_perm("articles.view_article")


def can_edit(user, article=None) -> bool:
    return can_use_admin(user) and user.has_perm("articles.change_article")


def can_publish(user, article=None) -> bool:
    """Publish, schedule, unschedule and retract: editors only."""
    return can_use_admin(user) and user.has_perm("articles.publish_article")


def can_override_gate(user, article=None) -> bool:
    """Publish despite blocking quality findings, with a written reason."""
    return can_publish(user, article) and user.has_perm("articles.override_quality_gate")
