from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Deletion, export and the queue's emails must work in every process (web, worker,
        # shell, management command), not only where URLs were loaded.
        from .ask_doctor import integration, tasks  # noqa: F401 (tasks connects its receivers)

        integration.connect_account_signals()

        from . import notifying, signals

        notifying.register_follow_targets()
        signals.item_published.connect(
            notifying.announce_published, dispatch_uid="articles.notifying.announce_published"
        )
        signals.item_corrected.connect(
            notifying.announce_correction, dispatch_uid="articles.notifying.announce_correction"
        )
