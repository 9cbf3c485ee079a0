"""Deploy checks for the topology: what breaks only once there is more than one process."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_for_many_processes(app_configs=None, **kwargs):
    """Several processes without Redis would each count rate limits and keep item pages on
    their own (an edit on one would not reach the others' cached pages)."""
    if not getattr(settings, "PRODUCTION", False) or settings.REDIS_URL:
        return []
    if settings.WEB_CONCURRENCY <= 1:
        return []
    return [
        checks.Error(
            f"WEB_CONCURRENCY is {settings.WEB_CONCURRENCY} but REDIS_URL is not set.",
            hint=(
                "More than one process needs a shared cache: set REDIS_URL, or serve from one "
                "process (WEB_CONCURRENCY=1). Sessions are database sessions either way."
            ),
            id="clinicalcontext.E001",
        )
    ]
