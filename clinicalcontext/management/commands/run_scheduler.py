"""manage.py run_scheduler: run SCHEDULED_JOBS on time; safe to start on several hosts."""

import signal

from django.core.management.base import BaseCommand

from clinicalcontext import scheduler


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs in settings.SCHEDULED_JOBS, each once per period across all "
        "hosts (a database row per run is the lock). Runs until stopped; --once runs what is "
        "due and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run due jobs once and exit")
        parser.add_argument("--tick", type=float, default=1.0, help="seconds between checks")
        parser.add_argument("--host", default="", help="name recorded on each run")

    def handle(self, *args, once=False, tick=1.0, host="", **options):
        host = host or scheduler.default_host()
        if once:
            for run in scheduler.run_due(host=host, seen={}):
                self.stdout.write(f"{run.job}: {run.outcome}")
            return
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        scheduler.run_forever(host=host, tick=tick, should_stop=lambda: bool(stopping))
