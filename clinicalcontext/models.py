from django.db import models
from django.utils import timezone


class JobOutcome(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class JobRun(models.Model):
    """One run of one scheduled job in one period. The row is the lock: the unique constraint
    lets exactly one scheduler, on whichever host, claim a job's period."""

    job = models.CharField(max_length=200)
    period = models.BigIntegerField(help_text="Seconds since the epoch divided by the interval.")
    host = models.CharField(max_length=200)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=JobOutcome, default=JobOutcome.RUNNING)
    # The exception's class only: a message could carry the data the job was working on.
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "period"], name="clinicalcontext_jobrun_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=JobOutcome.values),
                name="clinicalcontext_jobrun_outcome_valid",
            ),
        ]
        indexes = [models.Index(fields=["started_at"], name="clinicalcontext_jobrun_started")]

    def __str__(self):
        return f"{self.job} period {self.period} on {self.host}: {self.outcome}"
