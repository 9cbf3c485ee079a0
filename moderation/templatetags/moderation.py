from django import template

from ..queue import open_count

register = template.Library()


@register.inclusion_tag("moderation/_review_link.html", takes_context=True)
def review_link(context):
    """The header's "Review (n)": only for moderators (the menu roles the page already knows,
    no query to decide), the count from the cache or one COUNT query when it has none."""
    if "moderator" not in context.get("viewer_roles", ()):
        return {"show": False}
    return {"show": True, "count": open_count()}
