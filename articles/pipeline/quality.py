"""The quality gate: names each machine-made defect in an item, field by field.

It runs on import and on every admin save. `inspect(texts)` is pure: given the item's text
fields (dotted paths, as in the pipeline format) with their kinds, it returns the repaired text
(mojibake that decodes whole) and the findings. `gate_article(article=...)` applies it to a
stored item: saves the repairs and replaces the item's findings.

The detectors live in `checks/`, one principle each (docs/articles.md says which): assistant
voice, leaked instructions and placeholders, mojibake, truncation, empty sections and foreign
boilerplate. This module only decides which apply to which kind of field.
"""

from collections.abc import Iterable

from django.db import transaction

from .checks import addressed, emptiness, instructions, language, mojibake, truncation, voice
from .checks.base import (  # noqa: F401  the gate's public vocabulary, used by its callers
    AI_REFUSAL,
    BODY,
    CREDENTIALS,
    CREDIT,
    EMPTY_SECTION,
    FOREIGN_BOILERPLATE,
    FOREIGN_OK,
    KINDS,
    LEAKED_INSTRUCTION,
    MISSING_REQUIRED,
    MOJIBAKE,
    NAME,
    PLAIN,
    POINT,
    PROSE,
    PUBLISHER,
    QUESTION,
    REFERENCE,
    TITLE,
    TRUNCATED,
    URL,
    Finding,
    Item,
    Result,
    Text,
)
from .models import QualityFinding

# Kinds of field a writer composes: an assistant's reply can stand there (not in a name).
_COMPOSED = {PLAIN, TITLE, PROSE, BODY, POINT, CREDIT, QUESTION, REFERENCE, CREDENTIALS}
# The learned layer leaves FAQ questions alone: a reader's question ("Will this show up on a
# drug test?") is worded like a request, with the person and modal the layer weighs.
LEARNED_ROLES = _COMPOSED - {QUESTION}


def inspect(texts: Iterable[Text], *, item: Item | None = None) -> Result:
    """Check an item's text fields; return the repaired texts and every finding."""
    texts = list(texts)
    item = item or language.item_context(texts)
    result = Result()
    for text in texts:
        if text.value is None:  # absent: only a required part or a list entry is missed
            if text.required or text.entry:
                kind = MISSING_REQUIRED if text.required else EMPTY_SECTION
                result.findings.append(Finding(text.path, kind, ""))
            continue
        value = text.value
        if value == "" and not (text.required or text.entry):
            continue  # an optional field left empty is absent; one of blanks is empty (below)
        if emptiness.is_blank(value):
            if text.required:
                result.findings.append(Finding(text.path, MISSING_REQUIRED, value))
            else:
                result.findings.append(Finding(text.path, EMPTY_SECTION, value))
            continue
        if text.role == URL:
            continue
        value = mojibake.check(text.path, value, item, result)
        if text.role in _COMPOSED:
            voice.check(text.path, value, result)
        _instructions_outside_replies(text.path, value, result)
        if text.role != NAME and not _has(result, text.path, MOJIBAKE, blocking=True):
            _language_outside_instructions(text.path, value, text.role, item, result)
        if not _has(result, text.path, EMPTY_SECTION):
            emptiness.check(text.path, value, text.role, result)
        if not _has(result, text.path, EMPTY_SECTION, AI_REFUSAL) and not _ends_in_finding(
            result, text.path, value
        ):
            truncation.check(text.path, value, text.role, item, result)
        if text.role in LEARNED_ROLES:  # last: the learned layer only adds, never hides a rule
            addressed.check(text.path, value, result)
    return result


def _instructions_outside_replies(path: str, value: str, result: Result) -> None:
    """A sentence has one addressee: an order inside an assistant's reply ("please provide
    the article text") asks the commissioner for input, so the reply is the one finding."""
    found = Result()
    instructions.check(path, value, found)
    replies = [f.excerpt for f in result.findings if f.field == path and f.kind == AI_REFUSAL]
    result.findings.extend(
        f for f in found.findings if not any(f.excerpt in reply for reply in replies)
    )


def _language_outside_instructions(path, value, role, item, result: Result) -> None:
    """A line that is an order to the writer ("Lede: punchy, one sentence") is named once, as
    the instruction: its newsroom label is no foreign language."""
    found = Result()
    language.check(path, value, role, item, found)
    orders = [
        f.excerpt for f in result.findings if f.field == path and f.kind == LEAKED_INSTRUCTION
    ]
    result.findings.extend(
        f
        for f in found.findings
        if not any(order in f.excerpt or f.excerpt in order for order in orders if order)
    )


def _ends_in_finding(result: Result, path: str, value: str) -> bool:
    """The text ends in something already named — bytes lost past repair, an instruction, a
    foreign credit line — so its ending says nothing about whether the text was cut."""
    tails = {value.rstrip(), value.rstrip().rstrip("*_").rstrip()}
    return any(
        f.field == path
        and f.blocking
        and f.kind in (MOJIBAKE, LEAKED_INSTRUCTION, FOREIGN_BOILERPLATE)
        and f.excerpt
        and any(tail.endswith(f.excerpt.rstrip(".").rstrip()) for tail in tails)
        for f in result.findings
    )


def _has(result: Result, path: str, *kinds: str, blocking: bool | None = None) -> bool:
    return any(
        f.field == path
        and (not kinds or f.kind in kinds)
        and (blocking is None or f.blocking == blocking)
        for f in result.findings
    )


# --- how a finding's field reads to an editor -----------------------------------------------

_FIELD_LABELS = {
    "title": "Title",
    "dek": "Standfirst",
    "summary": "Summary",
    "commentary.text": "Commentary",
    "commentary.clinician.name": "Clinician's name",
    "commentary.clinician.credentials": "Clinician's credentials",
    "body": "Long form",
    "source.publisher": "Source publisher",
    "source.url": "Source address",
    "image.credit": "Image credit",
    "image.alt": "Image alt text",
    "evidence.design": "Study design",
    "provenance.method": "Provenance",
    "section.name": "Section name",
    "section.blurb": "Section blurb",
}
_LIST_LABELS = {"key_takeaways": "Key takeaway", "faq": "FAQ entry", "references": "Reference"}


def field_label(path: str) -> str:
    """The dotted path as an editor reads it: "faq.2.answer" → "FAQ entry 3, answer"."""
    if path in _FIELD_LABELS:
        return _FIELD_LABELS[path]
    head, _, rest = path.partition(".")
    index, _, part = rest.partition(".")
    if head in _LIST_LABELS and index.isdigit():
        label = f"{_LIST_LABELS[head]} {int(index) + 1}"
        return f"{label}, {part}" if part else label
    return path


# --- the item, as the gate sees it ----------------------------------------------------------


def texts_of_payload(item: dict) -> list[Text]:
    """The pipeline item's text fields, by their dotted paths (FORMAT.md)."""

    def get(obj, *keys):
        for key in keys:
            if not isinstance(obj, dict):
                return None
            obj = obj.get(key)
        return obj if isinstance(obj, str) else None

    texts = [
        Text("title", get(item, "title"), TITLE, required=True),
        Text("dek", get(item, "dek"), POINT),
        Text("summary", get(item, "summary"), PROSE, required=True),
        Text("commentary.text", get(item, "commentary", "text"), PROSE, required=True),
        Text(
            "commentary.clinician.name",
            get(item, "commentary", "clinician", "name"),
            NAME,
            required=True,
        ),
        Text(
            "commentary.clinician.credentials",
            get(item, "commentary", "clinician", "credentials"),
            CREDENTIALS,
            required=True,
        ),
        Text("body", get(item, "body"), BODY),
        Text("source.publisher", get(item, "source", "publisher"), PUBLISHER, required=True),
        Text("source.url", get(item, "source", "url"), URL, required=True),
        Text("image.credit", get(item, "image", "credit"), CREDIT),
        Text("image.alt", get(item, "image", "alt"), PLAIN),
        Text("evidence.design", get(item, "evidence", "design"), PLAIN),
        Text("provenance.method", get(item, "provenance", "method"), PLAIN),
        Text("section.name", get(item, "section", "name"), TITLE),
        Text("section.blurb", get(item, "section", "blurb"), PLAIN),
    ]
    for index, takeaway in enumerate(item.get("key_takeaways") or []):
        if isinstance(takeaway, str):
            texts.append(Text(f"key_takeaways.{index}", takeaway, POINT, entry=True))
    for index, entry in enumerate(item.get("faq") or []):
        texts.append(Text(f"faq.{index}.question", get(entry, "question"), QUESTION, entry=True))
        texts.append(Text(f"faq.{index}.answer", get(entry, "answer"), PROSE, entry=True))
    for index, ref in enumerate(item.get("references") or []):
        texts.append(Text(f"references.{index}.title", get(ref, "title"), REFERENCE, entry=True))
        texts.append(Text(f"references.{index}.publisher", get(ref, "publisher"), PUBLISHER))
    return texts


# Article field ↔ pipeline path, for items edited in the admin.
ARTICLE_FIELDS = [
    ("title", "title", TITLE, True),
    ("dek", "dek", POINT, False),
    ("summary", "summary", PROSE, True),
    ("commentary", "commentary.text", PROSE, True),
    ("commentator_name", "commentary.clinician.name", NAME, True),
    ("commentator_credentials", "commentary.clinician.credentials", CREDENTIALS, True),
    ("body", "body", BODY, False),
    ("source_publisher", "source.publisher", PUBLISHER, True),
    ("source_url", "source.url", URL, True),
    ("image_credit", "image.credit", CREDIT, False),
    ("image_alt", "image.alt", PLAIN, False),
    ("evidence_design", "evidence.design", PLAIN, False),
    ("provenance_method", "provenance.method", PLAIN, False),
]


def _article_targets(article) -> list[tuple[Text, object, str]]:
    """(text, row, attribute) for every text field of a stored item and its parts."""
    # A stored item keeps an unset optional field as "": for the gate that is absent.
    targets = [
        (
            Text(path, getattr(article, attr) or (None if not required else ""), role, required),
            article,
            attr,
        )
        for attr, path, role, required in ARTICLE_FIELDS
    ]
    for index, takeaway in enumerate(article.key_takeaways.all()):
        text = Text(f"key_takeaways.{index}", takeaway.text, POINT, entry=True)
        targets.append((text, takeaway, "text"))
    for index, entry in enumerate(article.faq_items.all()):
        text = Text(f"faq.{index}.question", entry.question, QUESTION, entry=True)
        targets.append((text, entry, "question"))
        text = Text(f"faq.{index}.answer", entry.answer, PROSE, entry=True)
        targets.append((text, entry, "answer"))
    for index, ref in enumerate(article.references.all()):
        text = Text(f"references.{index}.title", ref.title, REFERENCE, entry=True)
        targets.append((text, ref, "title"))
        targets.append(
            (
                Text(f"references.{index}.publisher", ref.publisher or None, PUBLISHER),
                ref,
                "publisher",
            )
        )
    return targets


def check_article(article) -> Result:
    """The gate's verdict on a stored item as it stands (nothing is written)."""
    return inspect(text for text, _, _ in _article_targets(article))


@transaction.atomic
def gate_article(*, article) -> Result:
    """Run the gate on a stored item: save mojibake repairs, replace the item's findings."""
    targets = _article_targets(article)
    result = inspect(text for text, _, _ in targets)
    for text, row, attr in targets:
        if text.path in result.repaired:
            setattr(row, attr, result.repaired[text.path])
            row.save()
    store_findings(article=article, findings=result.findings)
    return result


def store_findings(*, article, findings: list[Finding]) -> None:
    QualityFinding.objects.filter(article=article).delete()
    QualityFinding.objects.bulk_create(
        QualityFinding(
            article=article,
            field=f.field,
            kind=f.kind,
            excerpt=f.excerpt,
            blocking=f.blocking,
            repair=f.repair,
            note=f.note,
        )
        for f in findings
    )
