from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications and email"

    def ready(self):
        from accounts import hooks as account_hooks

        from . import integration

        account_hooks.register_exporter("notifications", integration.export_notifications)
        account_hooks.on_account_deleted(integration.forget_member)
