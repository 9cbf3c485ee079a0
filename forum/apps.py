from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        from accounts import signals as account_signals
        from articles import signals as article_signals

        from . import integration

        uid = "forum.integration."
        article_signals.item_published.connect(
            integration.open_item_thread, dispatch_uid=uid + "open_item_thread"
        )
        article_signals.item_followers_requested.connect(
            integration.item_thread_followers, dispatch_uid=uid + "item_thread_followers"
        )
        account_signals.export_requested.connect(
            integration.export_posts, dispatch_uid=uid + "export_posts"
        )
        account_signals.profile_stats_requested.connect(
            integration.profile_stats, dispatch_uid=uid + "profile_stats"
        )
