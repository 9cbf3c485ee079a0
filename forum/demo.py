"""Demo forum content: rooms, a few conversations, and replies on two of the demo items.

Idempotent, also on a database people have used: categories are found by slug, members by their
demo email, items by their demo keys, and every post has a fixed submission token, so a post an
earlier run made is found instead of posted twice. Whatever a person changed since (a locked
thread, a hidden post, a suspended demo member, a renamed room) is left as it is: what can no
longer be posted is skipped, never forced and never an error.
"""

import uuid

from django.db import transaction

from accounts.demo import DEMO_USERS
from accounts.models import User
from articles import demo as articles_demo

from . import posting
from .models import Category, Post
from .permissions import can_reply, can_start_thread

_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-4c1e-9f0a-5b7d2e3c4a10")

CATEGORIES = [
    {"slug": "living-with-it", "name": "Living with it", "position": 1,
     "description": "Day-to-day life with a diagnosis or a treatment: what helps, what doesn't."},
    {"slug": "caregivers-corner", "name": "Caregivers' corner", "position": 2,
     "description": "For people looking after someone else, and the worries that come with it."},
    {"slug": "clinicians-lounge", "name": "Clinicians' lounge", "position": 9,
     "clinicians_only": True,
     "description": "Verified clinicians only: practice questions and reading between the lines."},
]  # fmt: skip

THREADS = [
    {
        "key": "sleep",
        "room": "living-with-it",
        "author": "quiet_heron",
        "title": "Sleep got worse in the first weeks of a new medication",
        "body": "My prescriber said the first two or three weeks can be rough. Sleep is the part "
        "I'm struggling with. What helped you get through that stretch?",
        "replies": [
            (
                "night_owl_carer",
                None,
                "My partner kept a simple diary: bedtime, wake-ups, "
                "caffeine. It made the follow-up appointment far more useful.",
            ),
            (
                "dr_ines_v",
                None,
                "Worth raising with your prescriber rather than waiting it "
                "out: the **timing of the dose** is often adjustable. Bring the diary "
                "if you keep one.",
            ),
            ("quiet_heron", 0, "A diary is a good idea, I'll start one tonight. Thank you."),
        ],
    },
    {
        "key": "appointments",
        "room": "caregivers-corner",
        "author": "night_owl_carer",
        "title": "How do you prepare for appointments you attend with someone?",
        "body": "I go with my dad to his appointments and always remember my questions in the "
        "car park afterwards. Any routines that work for you?",
        "replies": [
            (
                "quiet_heron",
                None,
                "I write three questions on my phone the night before, "
                "most important first. If time runs out, the big one is asked.",
            ),
        ],
    },
    {
        "key": "lounge",
        "room": "clinicians-lounge",
        "author": "dr_ines_v",
        "title": "Talking about preprints with worried patients",
        "body": "How do colleagues explain a striking preprint without dismissing the "
        "patient's hope or overstating the finding?",
        "replies": [],
    },
]

ITEM_REPLIES = [
    ("quiet_heron", None, "Reading the clinician's note made this less scary than the headline."),
    ("night_owl_carer", 0, "Same here. The study size puts it in perspective."),
    ("dr_ines_v", None, "Glad it helps. Small early studies are a reason to **ask questions**, "
     "not to change anything on your own."),
]  # fmt: skip


ITEM_KEYS = articles_demo.DEMO_EXTERNAL_IDS[:2]


def _token(*parts) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts))


def _made_before(author: User, token: uuid.UUID) -> Post | None:
    made = Post.objects.select_related("thread").filter(author=author, submission_token=token)
    return made.first()


def _post_replies(thread, replies, users, key) -> None:
    made = []
    for index, (handle, parent_index, body) in enumerate(replies):
        author, token = users[handle], _token(key, index)
        parent = made[parent_index] if parent_index is not None else None
        post = _made_before(author, token)
        # A person may have locked the thread or stopped the author posting: then skip it.
        can_post = parent_index is None or parent is not None
        if post is None and can_post and can_reply(author, thread):
            post = posting.reply(
                author=author,
                thread=thread,
                parent=parent,
                body=body,
                submission_token=token,
                seeded=True,  # the site's own conversation: no premoderation, repeats allowed
            )
        made.append(post)


def _start_thread(spec, users, rooms):
    author, token = users[spec["author"]], _token(spec["key"], "opening")
    if (opening := _made_before(author, token)) is not None:
        return opening.thread
    if not can_start_thread(author, rooms[spec["room"]]):
        return None
    return posting.start_thread(
        author=author,
        category=rooms[spec["room"]],
        title=spec["title"],
        body=spec["body"],
        submission_token=token,
        seeded=True,  # the site's own conversation: no premoderation, repeats allowed
    )


@transaction.atomic
def load() -> None:
    # The demo members by their demo email: one who renamed their handle is still the same
    # member, and a real member who took a demo handle is never posted as.
    handle_of = {spec["email"]: spec["handle"] for spec in DEMO_USERS}
    members = User.objects.select_related("clinician_profile").filter(email__in=handle_of)
    users = {handle_of[user.email]: user for user in members}
    if not {"quiet_heron", "night_owl_carer", "dr_ines_v"} <= users.keys():
        return
    rooms = {}
    for spec in CATEGORIES:
        fields = {k: v for k, v in spec.items() if k != "slug"}
        rooms[spec["slug"]], _ = Category.objects.get_or_create(slug=spec["slug"], defaults=fields)
    for spec in THREADS:
        if (thread := _start_thread(spec, users, rooms)) is not None:
            _post_replies(thread, spec["replies"], users, spec["key"])
    # The two newest demo items, by their keys: if a person unpublished one, it gets none.
    for article in articles_demo.demo_items().filter(external_id__in=ITEM_KEYS):
        thread = posting.ensure_article_thread(article)
        _post_replies(thread, ITEM_REPLIES, users, f"item-{article.pk}")
