from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        from accounts import hooks as account_hooks
        from articles import hooks as article_hooks

        from . import integration

        article_hooks.on_item_published(integration.open_item_thread)
        account_hooks.register_exporter("forum_posts", integration.export_posts)
        account_hooks.register_profile_stats(integration.profile_stats)
