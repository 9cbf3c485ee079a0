from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts import signals as account_signals
        from articles.ask_doctor.signals import question_flagged_crisis
        from forum import signals as forum_signals
        from text.screening import register_term_source

        from . import integration, receivers, terms
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
        question_flagged_crisis.connect(
            receivers.on_question_flagged_crisis,
            dispatch_uid="moderation.receivers.on_question_flagged_crisis",
        )
        # The forum's holds and moderation verbs, wherever they were used (forum/signals.py).
        for signal, receiver in (
            (forum_signals.post_held, receivers.on_post_held),
            (forum_signals.post_approved, receivers.on_post_approved),
            (forum_signals.post_hidden, receivers.on_post_hidden),
            (
                forum_signals.post_published_with_identifiers,
                receivers.on_published_with_identifiers,
            ),
        ):
            signal.connect(receiver, dispatch_uid=f"moderation.receivers.{receiver.__name__}")
        account_signals.export_requested.connect(
            integration.export_moderation, dispatch_uid="moderation.integration.export"
        )
        account_signals.account_deleted.connect(
            integration.forget_words_of, dispatch_uid="moderation.integration.forget_words"
        )
