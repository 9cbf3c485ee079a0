from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications and email"

    def ready(self):
        from accounts import signals as account_signals

        from . import integration

        uid = "notifications.integration."
        account_signals.export_requested.connect(
            integration.export_notifications, dispatch_uid=uid + "export_notifications"
        )
        account_signals.account_deleted.connect(
            integration.forget_member, dispatch_uid=uid + "forget_member"
        )
