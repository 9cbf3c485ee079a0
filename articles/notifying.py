"""What articles tells notifications: topics and sections can be followed, a newly published
item reaches their followers, and a correction reaches the people who follow the item's thread
or asked a question on it (each one background fan-out, whatever their number).

A notification names the item only: never the words of anyone's question."""

from django.utils.text import Truncator

from notifications import notify_many
from notifications.follows import (
    FollowTarget,
    followed_keys,
    follower_ids,
    key_for,
    register_target,
)
from notifications.kinds import Kind

from . import signals
from .models import Article, DoctorQuestion, Section, Topic


def _target(model):
    def lookup(pk: int) -> FollowTarget | None:
        found = model.objects.filter(pk=pk).first()
        return FollowTarget(label=found.name, url=found.get_absolute_url()) if found else None

    return lookup


def register_follow_targets() -> None:
    register_target("section", _target(Section))
    register_target("topic", _target(Topic))


def follow_buttons(user, *, section=None, topics=()) -> list[tuple[str, str, bool]]:
    """(key, label, following) for a page's follow buttons: one query for a member, none for a
    visitor."""
    targets = ([(key_for("section", section.pk), section.name)] if section else []) + [
        (key_for("topic", topic.pk), topic.name) for topic in topics
    ]
    following = followed_keys(user=user, keys=[key for key, _ in targets]) if targets else set()
    return [(key, label, key in following) for key, label in targets]


def announce_published(sender=None, *, article, **kwargs) -> None:
    """Followers of the item's section or any of its topics hear of it once."""
    keys = [key_for("section", article.section_id)] + [
        key_for("topic", pk) for pk in article.topics.values_list("pk", flat=True)
    ]
    recipients = follower_ids(*keys)
    if recipients:
        notify_many(
            recipient_ids=recipients,
            kind=Kind.FOLLOWED_ITEM,
            url=article.get_absolute_url(),
            title="New item: “" + Truncator(article.title).chars(150) + "”",
            dedupe_key=f"item:{article.pk}",
        )


def correction_audience(article) -> set[int]:
    """Who follows the item's thread (the forum answers; articles cannot import it) and who
    asked a clinician a question on the item, whatever became of the question."""
    audience: set[int] = set()
    for _, ids in signals.item_followers_requested.send(sender=Article, article=article):
        audience.update(ids or ())
    audience.update(
        DoctorQuestion.objects.filter(article=article, asker__isnull=False).values_list(
            "asker_id", flat=True
        )
    )
    return audience


def announce_correction(sender=None, *, article, correction, **kwargs) -> None:
    recipients = correction_audience(article)
    if recipients:
        notify_many(
            recipient_ids=recipients,
            kind=Kind.ITEM_CORRECTED,
            url=article.get_absolute_url() + "#corrections",
            title="Correction to “" + Truncator(article.title).chars(150) + "”",
            actor=correction.created_by,
            dedupe_key=f"correction:{correction.pk}",
        )
