from django.conf import settings


def site(request):
    """What every page's chrome needs: the site name and the viewer's roles, computed once."""
    from accounts.permissions import roles_for

    return {"SITE_NAME": settings.SITE_NAME, "viewer_roles": roles_for(request.user)}
