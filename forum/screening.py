"""The forum's side of writing-time screening (docs/safety.md): what a posting form shows.

- Preview (with or without JavaScript) shows what the live check would: the crisis lines and
  the identifier warning.
- Posting: personal details found -> the form comes back with the warning, the text kept, and
  "Post anyway" (a submit button named `post_anyway`); posting anyway publishes and tells the
  moderation app (`identifier_kinds` to the service). Words that say someone is in danger now
  skip the warning: that post is held for a moderator anyway (forum/holds.py), and help comes
  first.
"""

from text.screening import CrisisResult, screen_crisis
from text.writing import DraftCheck, check_draft, find_identifiers, panels_context

NO_CRISIS = CrisisResult(False)


def words(cleaned_data) -> str:
    """What the writer wrote in a posting form: the title (a new thread) and the body."""
    return "\n\n".join(cleaned_data[name] for name in ("title", "body") if cleaned_data.get(name))


def preview_panels(request, text: str) -> dict:
    return panels_context(request, check_draft(text))


def before_publishing(request, text: str) -> tuple[dict | None, list[str]]:
    """(the panels to show instead of posting, or None to post; the identifier kinds the writer
    chose to publish)."""
    findings = find_identifiers(text)
    if not findings:
        return None, []
    check = DraftCheck(NO_CRISIS, findings)
    if request.POST.get("post_anyway"):
        return None, check.identifier_kinds
    if screen_crisis(text).is_crisis:
        return None, []
    return panels_context(request, check, offer_post_anyway=True), []
