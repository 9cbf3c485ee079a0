"""Production settings for the multi-server check, with periods short enough to watch.

Everything else (security, Redis cache, database worker, SMTP, logging) is production's own.
"""

from clinicalcontext.settings.production import *  # noqa: F403

SCHEDULED_JOBS = [
    ("articles.publishing.publish_due", 5),
    ("articles.ask_doctor.queue.release_stale_claims", 5),
    ("clinicalcontext.health.enqueue_heartbeat", 3),
    ("clinicalcontext.scheduler.prune_job_runs", 60),
]
HEALTH_WORKER_MAX_AGE = 12
HEALTH_SCHEDULER_MAX_AGE = 12
HEALTH_QUEUE_MAX_LAG = 12
# A relay outage in the check lasts seconds: retry after 1 s, then every 2 s, and keep trying.
EMAIL_RETRY_FIRST_SECONDS = 1
EMAIL_RETRY_LONGEST_SECONDS = 2
EMAIL_RETRY_MAX_ATTEMPTS = 60
