"""Template filters for ask-the-doctor pages."""

from django import template

register = template.Library()


@register.filter
def status_for(question, viewer) -> str:
    """`{{ question|status_for:user }}`: the status naming who is waited on, from the reader's
    side ("Waiting for you" to the asker, "Waiting for the patient" to clinicians)."""
    return question.status_label_for(viewer)
