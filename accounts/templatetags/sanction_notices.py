from django import template

from ..sanctions import active_restriction, pending_warning

register = template.Library()


@register.inclusion_tag("accounts/_sanction_notices.html", takes_context=True)
def sanction_notices(context):
    """The banner of a suspended or banned member and an unacknowledged warning, on every page.
    No query for everyone else: the user row already says (accounts/sanctions.py)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "restriction": active_restriction(user),
        "warning": pending_warning(user),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
