"""Deterministic benchmark data, made through the same services the site uses.

    python -m clinicalcontext.benchmark.seed OUT.json [--questions 2000] [--replies 200] ...

On a freshly migrated database: the demo members and items, 20 members, one item thread with
`--replies` replies of about 100 words (a third of them answer an earlier post), `--threads`
member threads of `--thread-replies` replies, and `--questions` ask-the-doctor questions moved
by the queue services to mixed statuses. Writes the page addresses and logged-in session
cookies the runner needs to OUT.json. Fixed random seed: only timestamps differ between runs.
"""

import argparse
import json
import random
import uuid
from datetime import timedelta

import django

_WORD_LIST = (
    "the patient doctor nurse clinic dose trial study result effect side sleep mood pain "
    "medicine tablet week month year morning evening appointment question answer worry help "
    "family partner father mother child friend work day night better worse same change "
    "started stopped tried asked told felt feel think know want need try use make get see "
    "find give tell seem about after again also always because before between both during "
    "each every from into just like more most only other over some such than that then "
    "there these they this through under until when where which while with without would "
    "could should might must will can may and but or if so yes no not all any few many much "
    "one two three first last next small large slow quick good bad really quite very maybe"
)
WORDS = _WORD_LIST.split()
NAMESPACE = uuid.UUID("5d0f3a52-8c1e-4b7a-9f60-2b4c1d7e9a13")


class Seeder:
    def __init__(self, seed: int = 20261201):
        self.rng = random.Random(seed)

    def paragraph(self, words: int = 100) -> str:
        sentences, current = [], []
        for i in range(words):
            current.append(self.rng.choice(WORDS))
            if len(current) >= self.rng.randint(8, 16) or i == words - 1:
                text = " ".join(current)
                sentences.append(text[0].upper() + text[1:] + ".")
                current = []
        return " ".join(sentences)

    def token(self, *parts) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, "/".join(map(str, parts)))

    def fill_thread(self, thread, replies: int, members, key: str) -> None:
        """`replies` replies; about a third answer one of the last 40 posts (4 levels at most)."""
        from forum import posting

        made = []
        for i in range(replies):
            author = members[(i * 7 + self.rng.randrange(len(members))) % len(members)]
            parent = None
            if made and self.rng.random() < 0.35:
                candidate = made[self.rng.randint(max(0, len(made) - 40), len(made) - 1)]
                parent = candidate if candidate.depth < 4 else None
            made.append(
                posting.reply(
                    author=author,
                    thread=thread,
                    parent=parent,
                    body=self.paragraph(),
                    submission_token=self.token(key, i),
                    seeded=True,  # benchmark data is public: no new-member premoderation
                )
            )


def make_members(count: int):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import Role, User

    password = make_password("bench-pass-2026")
    members = []
    for i in range(1, count + 1):
        member = User.objects.create(
            email=f"bench_{i:02d}@bench.clinicalcontext.example",
            handle=f"bench_{i:02d}",
            role=Role.PATIENT if i % 3 else Role.CAREGIVER,
            password=password,
        )
        EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
        members.append(member)
    return members


def make_questions(seeder: Seeder, *, count: int, items, members, clinician) -> None:
    """Through the queue services: 50 % waiting, 15 % claimed, 10 % needs info, 15 % answered,
    5 % declined, 5 % withdrawn; 1 in 40 urgent; asked over the last ~8 days."""
    from django.utils import timezone

    from articles.ask_doctor import asking
    from articles.ask_doctor import queue as ask_doctor
    from articles.models import CarePointer, DoctorQuestion

    for i in range(count):
        asker = members[i % len(members)]
        question = asking.ask_question(
            asker=asker,
            article=items[i % len(items)],
            body=seeder.paragraph(seeder.rng.randint(30, 80)),
            visibility="publishable" if i % 4 == 0 else "private",
        )
        slot = i % 20
        if 10 <= slot < 19:
            ask_doctor.claim_question(question_id=question.pk, clinician=clinician)
        if slot in (13, 14):
            ask_doctor.request_info(
                question_id=question.pk, clinician=clinician, body=seeder.paragraph(20)
            )
        elif slot in (15, 16, 17):
            ask_doctor.answer_question(
                question_id=question.pk, clinician=clinician, body=seeder.paragraph(60)
            )
        elif slot == 18:
            ask_doctor.decline_question(
                question_id=question.pk,
                clinician=clinician,
                reason=seeder.paragraph(20),
                care=CarePointer.OWN_CLINICIAN,
            )
        elif slot == 19:
            asking.withdraw_question(question=question, asker=asker)
    now = timezone.now()
    pks = DoctorQuestion.objects.order_by("pk").values_list("pk", flat=True)
    for n, pk in enumerate(pks):
        DoctorQuestion.objects.filter(pk=pk).update(
            asked_at=now - timedelta(minutes=6 * (count - n)), urgent=n % 40 == 7
        )


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return "sessionid=" + client.cookies["sessionid"].value


def seed(*, replies: int, threads: int, thread_replies: int, members: int, questions: int) -> dict:
    from django.db import transaction
    from django.urls import reverse

    from accounts import demo as accounts_demo
    from accounts.models import User
    from articles import demo as articles_demo
    from articles.models import Article
    from forum import posting
    from forum.models import Category

    seeder = Seeder()
    accounts_demo.load()
    articles_demo.load()
    clinician = User.objects.get(handle="dr_ines_v")
    # One outer transaction per phase only makes seeding faster: the services nest inside it.
    with transaction.atomic():
        people = make_members(members)
        items = list(Article.objects.published().order_by("-number")[:3])
        big = posting.ensure_article_thread(items[0])
        seeder.fill_thread(big, replies, people, "item")
        room = Category.objects.create(slug="bench-room", name="Bench room", position=9)
        last = None
        for t in range(threads):
            title = " ".join(seeder.rng.choice(WORDS) for _ in range(6)).capitalize()
            last = posting.start_thread(
                author=people[t % len(people)],
                category=room,
                title=title,
                body=seeder.paragraph(),
                submission_token=seeder.token("thread", t),
                seeded=True,
            )
            seeder.fill_thread(last, thread_replies, people, f"thread{t}")
    with transaction.atomic():
        make_questions(seeder, count=questions, items=items, members=people, clinician=clinician)
    return {
        "item": items[0].get_absolute_url(),
        "thread": big.get_absolute_url(),
        "load_thread": last.get_absolute_url(),
        "load_thread_reply": reverse("forum:thread-reply", kwargs={"pk": last.pk}),
        "queue": reverse("articles:ask-doctor-queue"),
        "patient_cookie": session_cookie(people[0]),
        "member_cookies": [session_cookie(member) for member in people],
        "clinician_cookie": session_cookie(clinician),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--replies", type=int, default=200)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--thread-replies", type=int, default=10)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    django.setup()
    pages = seed(
        replies=args.replies,
        threads=args.threads,
        thread_replies=args.thread_replies,
        members=args.members,
        questions=args.questions,
    )
    with open(args.out, "w") as out:
        json.dump(pages, out)


if __name__ == "__main__":
    main()
