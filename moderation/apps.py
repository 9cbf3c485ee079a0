from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from text.screening import register_term_source

        from . import terms
        from .models import ScreeningTerm

        # Moderators' screening terms (admin) extend both screens, read from the cache, which
        # any change to a term clears.
        register_term_source(terms.active_terms)
        for signal, uid in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                terms.forget_terms_on_change,
                sender=ScreeningTerm,
                dispatch_uid=f"moderation.terms.{uid}",
            )
