"""Which `@handle`s in a post name a member: the links `text.markup.render_markdown` makes.

`mention_links` is the post body's `mention_resolver`: called once when the text is rendered for
saving (or previewing), so the stored HTML keeps the links and a thread page reads no member to
show them. A handle matches as notifications match it (`handle_key`: case, accents and
look-alike characters folded), so the person linked is the person told.
"""

from accounts.handles import handle_key
from accounts.models import User


def mention_links(handles: list[str]) -> dict[str, str]:
    """{handle as written: profile URL} for each handle naming a live member; one query, or none
    when there are no handles."""
    if not handles:
        return {}
    keys = {handle: handle_key(handle) for handle in handles}
    members = User.objects.filter(
        handle_key__in=set(keys.values()), is_active=True, deleted_at=None
    ).only("handle", "handle_key")
    urls = {member.handle_key: member.get_absolute_url() for member in members}
    return {handle: urls[key] for handle, key in keys.items() if key in urls}
