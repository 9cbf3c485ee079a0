from django import template

from ..unread import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context):
    """The header bell: nothing for visitors; for members the unread count, from the cache or
    one COUNT query."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user.pk)}


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, key: str, label: str, following: bool):
    """A follow / unfollow form for one key; the page reads `following` with its data."""
    request = context.get("request")
    return {
        "key": key,
        "label": label,
        "following": following,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
        "authenticated": bool(request and request.user.is_authenticated),
    }
