from django.shortcuts import get_object_or_404, render

from .models import User


def profile(request, handle):
    member = get_object_or_404(
        User.objects.select_related("clinician_profile"), handle=handle, deleted_at=None
    )
    return render(request, "accounts/profile.html", {"member": member})
