"""Demo content: three published items written for this project, and one pipeline file whose
item shows what the quality gate catches. Idempotent: running it again changes nothing."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.templatetags.static import static
from django.utils import timezone

from . import publishing
from .models import Article, ArticleStatus, Correction, Topic
from .pipeline import importing

SAMPLE = Path(__file__).parent / "demo_data" / "pipeline-sample.json"
SECTION = {
    "slug": "clinical-context",
    "name": "Clinical Context",
    "blurb": "Health news, and a named clinician on what it changes for patients.",
}
TOPICS = {
    "depression": "Depression",
    "psychedelics": "Psychedelics",
    "cannabis-medicine": "Cannabis medicine",
    "sleep": "Sleep",
    "chronic-pain": "Chronic pain",
}
CLINICIAN = {"name": "Dr. Ines Varga", "credentials": "MD, psychiatrist", "handle": "dr_ines_v"}

ITEMS = [
    {
        "external_id": "demo:2026-11-14:0050",
        "number": 50,
        "section": SECTION,
        "title": "One clinic dose of DMT eased hard-to-treat depression in a small study",
        "dek": (
            "Fourteen adults, no comparison group, and improvements that held for three months "
            "in about half of them."
        ),
        "summary": (
            "Researchers recruited 14 adults whose depression had not lifted after at least two "
            "antidepressants. Each received a single intravenous dose of dimethyltryptamine (DMT) "
            "lasting under half an hour, with a therapist present, two preparation sessions "
            "before and two follow-up conversations after. Depression scores dropped sharply "
            "within a week for most participants; about half still scored in the mild range "
            "three months later. Blood pressure and heart rate rose during the dose and returned "
            "to normal within an hour; nobody needed emergency care."
        ),
        "commentary": {
            "text": (
                "This is a **first look**, not an answer. With no placebo or comparison group, "
                "some of the improvement may come from the attention, hope and therapy that "
                "surround the dose — effects that are real but are not the drug. What interests "
                "me is how short the experience is: if larger trials confirm the benefit, a "
                "treatment that fits into a morning clinic visit would be far easier to offer "
                "than day-long sessions.\n\n"
                "If you are living with depression that hasn't responded to treatment, please "
                "don't look for DMT outside research. Ask your psychiatrist about registered "
                "trials, and about treatments that are already approved, such as esketamine or "
                "transcranial magnetic stimulation."
            ),
            "clinician": CLINICIAN,
        },
        "key_takeaways": [
            "Most of the 14 participants felt better within a week.",
            "About half were still improved three months later.",
            "There was no placebo group, so the drug's own effect is unknown.",
            "DMT is only available inside approved research studies.",
        ],
        "body": (
            "## Who took part\n\n"
            "Participants were between 25 and 60 years old. People with heart disease, "
            "uncontrolled high blood pressure, or a personal or family history of psychosis or "
            "bipolar disorder were not eligible.\n\n"
            "## How the dose was given\n\n"
            "The drug was given through a drip over about ten minutes, in a quiet room, with the "
            "lights low and music the participant had chosen. A psychiatrist and a nurse stayed "
            "throughout.\n\n"
            "## What comes next\n\n"
            "The team has registered a randomized trial that compares DMT with a low, active "
            "dose, so that neither participants nor researchers can easily tell who got what."
        ),
        "faq": [
            {
                "question": "Can my doctor prescribe DMT?",
                "answer": (
                    "No. DMT is a controlled substance and is only given inside approved studies."
                ),
            },
            {
                "question": "Is this the same as ayahuasca?",
                "answer": (
                    "Ayahuasca is a brew that contains DMT along with other plant compounds that "
                    "change how long it lasts. It is unregulated and has caused serious harm when "
                    "mixed with some medicines."
                ),
            },
        ],
        "references": [
            {
                "title": "Trial registry entry: single-dose DMT for treatment-resistant depression",
                "url": "https://registry.example.org/trials/dmt-trd-pilot",
                "publisher": "Example trial registry",
            }
        ],
        "source": {
            "publisher": "Example Medical News",
            "url": "https://news.example.org/2026/11/dmt-depression-pilot",
            "published_at": "2026-11-12T09:00:00Z",
        },
        "image": {
            "url": settings.SITE_URL + static("img/demo/clinic-room.svg"),
            "credit": "Photo: Clinical Context",
            "alt": "A quiet treatment room with a reclining chair and a lamp",
        },
        "topics": ["depression", "psychedelics"],
        "evidence": {
            "design": "open-label pilot study",
            "size": 14,
            "peer_reviewed": True,
            "population": "human",
        },
        "provenance": {
            "method": (
                "Drafted by the content pipeline from the study's abstract and the news story, "
                "then rewritten and checked by the named clinician."
            ),
            "pipeline_version": "3.5.0",
        },
    },
    {
        "external_id": "demo:2026-11-10:0049",
        "number": 49,
        "section": SECTION,
        "title": "Cannabis oil for nerve pain: a trial finds a small benefit and more dizziness",
        "dek": "Relief was modest, and one in five people stopped because of side effects.",
        "summary": (
            "In a 12-week randomized trial of 210 adults with nerve pain from diabetes, a "
            "cannabis oil containing THC and CBD lowered average pain scores slightly more than "
            "a placebo oil. Dizziness and sleepiness were common, and 21% of people taking the "
            "oil stopped early because of them, compared with 6% on placebo."
        ),
        "commentary": {
            "text": (
                "The benefit here is about the size of a good day versus an ordinary one — "
                "worthwhile for some, but smaller than many patients expect. For older adults "
                "the dizziness matters: a fall can undo months of progress. If you want to try a "
                "cannabis-based medicine, start low, avoid driving until you know how it affects "
                "you, and review your other medicines with your pharmacist."
            ),
            "clinician": CLINICIAN,
        },
        "key_takeaways": [
            "Pain eased slightly more than with placebo.",
            "Dizziness and sleepiness were common.",
            "Older adults should weigh the risk of falls.",
        ],
        "body": (
            "## What was compared\n\n"
            "People took the oil or an identical-looking placebo twice a day, increasing the "
            "dose over two weeks.\n\n"
            "## Limits\n\n"
            "The trial lasted three months; nerve pain usually lasts years."
        ),
        "faq": [
            {
                "question": "Will this show up on a drug test?",
                "answer": "Products with THC can. Ask before starting if you are tested at work.",
            }
        ],
        "references": [],
        "source": {
            "publisher": "Example Medical News",
            "url": "https://news.example.org/2026/11/cannabis-oil-neuropathy",
            "published_at": "2026-11-08T12:00:00Z",
        },
        "topics": ["cannabis-medicine", "chronic-pain"],
        "evidence": {
            "design": "randomized placebo-controlled trial",
            "size": 210,
            "peer_reviewed": True,
            "population": "human",
        },
        "provenance": {
            "method": "Written by the Clinical Context desk and reviewed by the named clinician."
        },
    },
    {
        "external_id": "demo:2026-11-05:0048",
        "number": 48,
        "section": SECTION,
        "title": "A fixed wake-up time helped teenagers with low mood sleep better",
        "dek": "A school-based study of 320 students, with no medicine involved.",
        "summary": (
            "Students aged 14 to 17 who reported low mood were asked to keep the same wake-up "
            "time every day, weekends included, for eight weeks, with short weekly check-ins. "
            "Compared with students who received sleep leaflets only, they fell asleep about 20 "
            "minutes earlier and their mood scores improved modestly."
        ),
        "commentary": {
            "text": (
                "Parents often ask me what they can do tonight. This is one answer: a steady "
                "wake-up time, daylight in the morning and screens away an hour before bed. It "
                "is not a treatment for depression on its own, and a teenager who talks about "
                "hopelessness or self-harm needs to be seen promptly."
            ),
            "clinician": CLINICIAN,
        },
        "key_takeaways": [
            "A steady wake-up time helped sleep and mood a little.",
            "It is a first step, not a replacement for care.",
        ],
        "body": "",
        "faq": [],
        "references": [],
        "source": {
            "publisher": "Example Pediatrics Digest",
            "url": "https://digest.example.org/teen-sleep-wake-time",
        },
        "topics": ["sleep", "depression"],
        "evidence": {"design": "cluster randomized trial", "size": 320, "population": "human"},
        "provenance": {"method": "Written by the Clinical Context desk."},
    },
]


DEMO_EXTERNAL_IDS = [item["external_id"] for item in ITEMS]


def demo_items():
    """The published demo items, newest first, found by their fixed keys (never a real item)."""
    return Article.objects.published().filter(external_id__in=DEMO_EXTERNAL_IDS).order_by("-number")


@transaction.atomic
def load() -> None:
    """Import each demo item the first time only; an item a person has edited, unpublished or
    retracted since is left exactly as it is, and real items are never touched."""
    for slug, name in TOPICS.items():
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    now = timezone.now()
    made = []
    for age, item in enumerate(ITEMS):
        if Article.objects.filter(external_id=item["external_id"]).exists():
            continue  # loaded before (and perhaps edited since): leave it as it is
        if Article.objects.filter(number=item["number"]).exists():
            continue  # a real item holds the demo's number: the demo steps aside
        report = importing.import_item(item)
        if report.status == "rejected":
            raise RuntimeError(f"demo item {item['external_id']} was rejected: {report.errors}")
        article = Article.objects.get(external_id=item["external_id"])
        if article.commentator_id:
            # The demo clinician "confirmed" their demo commentary (articles/review.py).
            Article.objects.filter(pk=article.pk).update(
                commentary_confirmed_digest=article.commentary_digest(), commentary_confirmed_at=now
            )
        if article.status == ArticleStatus.DRAFT:
            # Demo items go out as if scheduled a few days ago; publish_due records it and tells
            # the listeners, exactly as for a real scheduled item.
            Article.objects.filter(pk=article.pk).update(
                status=ArticleStatus.SCHEDULED, published_at=now - timedelta(days=age + 1)
            )
        made.append(article)
    publishing.publish_due(among=[article.pk for article in made])
    for article in made:
        if article.external_id == ITEMS[0]["external_id"]:
            Correction.objects.create(
                article=article,
                note="An earlier version said 12 participants; the study enrolled 14.",
            )
    sample = importing.read_path(str(SAMPLE))
    if not _sample_loaded_before(sample):
        importing.import_entries(sample)


def _sample_loaded_before(entries) -> bool:
    """The pipeline sample is imported once; afterwards it belongs to whoever edits it."""
    ids = [item.get("external_id") for _, item in entries if isinstance(item, dict)]
    return Article.objects.filter(external_id__in=ids).exists()
