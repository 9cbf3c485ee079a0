"""Import items from the content pipeline (docs/import-format.md), through the quality gate.

Idempotent by `external_id`: the same payload again changes nothing ("unchanged"); a changed one
updates the item ("updated"). One transaction per item: a bad item is rejected with the field at
fault and the others import. New items land as drafts; items an editor has already scheduled,
published or retracted are not overwritten by the pipeline (their update is rejected).
"""

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jsonschema
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from accounts.models import User
from articles.models import (
    Article,
    ArticleStatus,
    FAQItem,
    KeyTakeaway,
    Reference,
    Revision,
    Section,
    Topic,
)
from text.validators import find_problem

from . import quality

SCHEMA_PATH = Path(__file__).parent / "schema" / "item-v1.schema.json"
INPUT_SUFFIXES = (".json", ".jsonl", ".ndjson")
EDITABLE_BY_PIPELINE = (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW)


class InputError(Exception):
    """The input could not be read at all (exit code 2)."""


@dataclass
class ItemReport:
    external_id: str | None
    status: str
    errors: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    number: int | None = None
    title: str = ""

    def as_dict(self) -> dict:
        return {
            "external_id": self.external_id,
            "status": self.status,
            "errors": self.errors,
            "findings": self.findings,
        }


@dataclass
class Report:
    items: list[ItemReport] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    def as_dict(self) -> dict:
        return {
            "items": [item.as_dict() for item in self.items],
            **{s: self.count(s) for s in ("created", "updated", "unchanged", "rejected")},
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.count("rejected") else 0


# --- reading ---------------------------------------------------------------------------------


def read_path(path: str, *, stdin=None) -> list[tuple[str, object]]:
    """(where, item or parse error) for every item in a file, a folder of files, or stdin."""
    if path == "-":
        text = stdin.read() if stdin is not None else ""
        return _parse(text, "stdin")
    source = Path(path)
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in INPUT_SUFFIXES)
        if not files:
            raise InputError(f"{path}: no .json, .jsonl or .ndjson files in this folder")
        entries = []
        for file in files:
            try:
                entries.extend(_parse(_read_file(file), file.name))
            except InputError as error:
                entries.append((file.name, error))
        if all(isinstance(item, InputError) for _, item in entries):
            raise InputError("; ".join(str(item) for _, item in entries))
        return entries
    if not source.is_file():
        raise InputError(f"{path}: no such file or folder")
    return _parse(_read_file(source), source.name)


def _read_file(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path.name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{path.name}: cannot be read ({error.strerror})") from None


def _parse(text: str, where: str) -> list[tuple[str, object]]:
    if not text.strip():
        raise InputError(f"{where}: empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as whole_error:
        return _parse_lines(text, where, whole_error)
    except RecursionError:
        raise InputError(f"{where}: nested too deeply") from None
    if isinstance(data, list):
        return [(f"{where}[{index}]", item) for index, item in enumerate(data)]
    return [(where, data)]


def _parse_lines(text: str, where: str, whole_error) -> list[tuple[str, object]]:
    entries: list[tuple[str, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append((f"{where} line {number}", json.loads(line)))
        except (json.JSONDecodeError, RecursionError) as error:
            message = getattr(error, "msg", "nested too deeply")
            entries.append((f"{where} line {number}", InputError(f"not valid JSON ({message})")))
    if all(isinstance(item, InputError) for _, item in entries):
        raise InputError(
            f"{where}: not JSON or JSON Lines ({whole_error.msg} at line {whole_error.lineno},"
            f" column {whole_error.colno})"
        )
    return entries


# --- validating ------------------------------------------------------------------------------


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "object": "an object",
    "array": "a list",
    "boolean": "true or false",
    "number": "a number",
}


def validate(item) -> list[dict]:
    """Why this item cannot be imported, as [{"field", "message"}]; empty when it can."""
    if not isinstance(item, dict):
        return [{"field": "", "message": "each item must be a JSON object"}]
    errors = []
    for error in sorted(_validator().iter_errors(item), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(part) for part in error.absolute_path)
        errors.append({"field": _error_field(error, path), "message": _error_message(error)})
    errors.extend(_control_characters(item, ""))
    errors.extend(_dates(item))
    unique = {(e["field"], e["message"]): e for e in errors}
    return list(unique.values())


def _error_field(error, path: str) -> str:
    if error.validator == "required":
        missing = re.match(r"'(.+?)' is a required property", error.message)
        name = missing.group(1) if missing else ""
        return f"{path}.{name}" if path else name
    return path


def _error_message(error) -> str:
    value = error.validator_value
    match error.validator:
        case "required":
            return "is required"
        case "type":
            names = [value] if isinstance(value, str) else value
            return "must be " + " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        case "minLength":
            return "must not be empty"
        case "maxLength":
            return f"is too long (at most {value} characters)"
        case "maxItems":
            return f"has too many entries (at most {value})"
        case "minimum" | "maximum":
            return f"must be between 1 and {2**31 - 1}" if value != 0 else "must not be negative"
        case "enum":
            return "must be one of: " + ", ".join(json.dumps(v) for v in value)
        case "pattern":
            path = list(error.absolute_path)
            if path and path[-1] == "url":
                return "must be an http:// or https:// address"
            if path and path[-1] == "slug":
                return "must contain only letters, digits, hyphens and underscores"
            return "must be an ISO 8601 date-time, e.g. 2026-11-12T09:30:00Z"
    return "is not valid"


def _control_characters(value, path: str) -> list[dict]:
    if isinstance(value, str):
        # The same rules as text members type (text/validators.py).
        if problem := find_problem(value, multiline=True):
            return [{"field": path, "message": f"contains control characters: {problem[1]}"}]
        return []
    if not isinstance(value, dict | list):
        return []
    children = value.items() if isinstance(value, dict) else enumerate(value)
    errors = []
    for key, child in children:
        errors.extend(_control_characters(child, f"{path}.{key}" if path else str(key)))
    return errors


def _parse_datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _dates(item: dict) -> list[dict]:
    errors = []
    for path in ("source.published_at", "provenance.generated_at"):
        parent, key = path.split(".")
        value = (item.get(parent) or {}).get(key) if isinstance(item.get(parent), dict) else None
        if isinstance(value, str):
            try:
                _parse_datetime(value)
            except ValueError:
                errors.append({"field": path, "message": "is not a real date and time"})
    return errors


# --- importing -------------------------------------------------------------------------------


def import_entries(entries: list[tuple[str, object]], *, progress=None) -> Report:
    """Import every entry in its own transaction; `progress(done, total, item_report)` is
    called after each one (the command draws its progress bar with it)."""
    report = Report()
    for done, (where, item) in enumerate(entries, 1):
        if isinstance(item, InputError):
            item_report = ItemReport(
                None, "rejected", errors=[{"field": where, "message": str(item)}]
            )
        else:
            item_report = import_item(item)
        report.items.append(item_report)
        if progress:
            progress(done, len(entries), item_report)
    return report


def digest(item: dict) -> str:
    return hashlib.sha256(
        json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def import_item(item) -> ItemReport:
    """Import one item in its own transaction; never raises for bad data."""
    external_id = item.get("external_id") if isinstance(item, dict) else None
    external_id = external_id if isinstance(external_id, str) else None
    errors = validate(item)
    if errors:
        return ItemReport(external_id, "rejected", errors=errors)
    try:
        with transaction.atomic():
            return _save(item)
    except _Rejected as rejected:
        return ItemReport(external_id, "rejected", errors=[rejected.error])
    except IntegrityError:
        return ItemReport(
            external_id,
            "rejected",
            errors=[{"field": "number", "message": "this item number is already taken"}],
        )


class _Rejected(Exception):
    def __init__(self, field: str, message: str):
        self.error = {"field": field, "message": message}


def _save(item: dict) -> ItemReport:
    external_id = item["external_id"]
    item_digest = digest(item)
    article = Article.objects.select_for_update().filter(external_id=external_id).first()
    if article and article.import_hash == item_digest:
        findings = [f.as_dict() for f in article.findings.all()]
        return ItemReport(
            external_id, "unchanged", findings=findings, number=article.number, title=article.title
        )
    if article and article.status not in EDITABLE_BY_PIPELINE:
        raise _Rejected(
            "external_id",
            f"item #{article.number} is {article.get_status_display().lower()}: "
            "editors own it now; change it in the admin",
        )
    number = item.get("number")
    if number is not None:
        taken = Article.objects.filter(number=number)
        if article:
            taken = taken.exclude(pk=article.pk)
        if taken.exists():
            raise _Rejected("number", f"item number {number} is already used by another item")
    elif article:
        number = article.number
    else:
        number = (Article.objects.aggregate(top=Max("number"))["top"] or 0) + 1

    result = quality.inspect(quality.texts_of_payload(item))
    data = _with_repairs(item, result.repaired)
    created = article is None
    article = article or Article(external_id=external_id, status=ArticleStatus.DRAFT)
    _fill(article, data, number=number, item_digest=item_digest, raw=item)
    article.save()
    article.topics.set(_topics(data.get("topics") or []))
    _replace_parts(article, data)
    quality.store_findings(article=article, findings=result.findings)
    Revision.objects.create(
        article=article,
        status=article.status,
        message="Created by the pipeline import" if created else "Updated by the pipeline import",
        changed_fields=sorted(k for k in item if k != "external_id"),
    )
    return ItemReport(
        external_id,
        "created" if created else "updated",
        findings=[f.as_dict() for f in result.findings],
        number=article.number,
        title=article.title,
    )


def _with_repairs(item: dict, repaired: dict[str, str]) -> dict:
    data = copy.deepcopy(item)
    for path, text in repaired.items():
        parts = path.split(".")
        target = data
        for part in parts[:-1]:
            target = target[int(part)] if isinstance(target, list) else target[part]
        last = parts[-1]
        if isinstance(target, list):
            target[int(last)] = text
        else:
            target[last] = text
    return data


def _fill(article: Article, data: dict, *, number: int, item_digest: str, raw: dict) -> None:
    section_data = data["section"]
    section, _ = Section.objects.get_or_create(
        slug=section_data["slug"].lower(),
        defaults={"name": section_data["name"], "blurb": section_data.get("blurb", "")},
    )
    commentary = data["commentary"]
    clinician = commentary["clinician"]
    source = data["source"]
    image = data.get("image") or {}
    evidence = data.get("evidence") or {}
    provenance = dict(data.get("provenance") or {})

    article.number = number
    article.section = section
    article.title = data["title"].strip()
    if not article.slug or article.slug != slugify(article.title)[:160]:
        article.slug = slugify(article.title)[:160] or "item"
    article.dek = data.get("dek", "").strip()
    article.summary = data["summary"]
    article.commentary = commentary["text"]
    article.commentator_name = clinician["name"].strip()
    article.commentator_credentials = clinician["credentials"].strip()
    article.commentator = _clinician_account(clinician.get("handle"))
    article.body = data.get("body", "")
    article.image_url = image.get("url", "")
    article.image_alt = image.get("alt", "")
    article.image_credit = image.get("credit", "")
    article.evidence_design = evidence.get("design", "")
    size = evidence.get("size")
    article.evidence_size = "" if size is None else str(size)
    article.evidence_peer_reviewed = evidence.get("peer_reviewed")
    article.evidence_population = evidence.get("population", "")
    article.source_publisher = source["publisher"].strip()
    article.source_url = source["url"]
    published_at = source.get("published_at")
    article.source_published_at = _parse_datetime(published_at) if published_at else None
    article.provenance_method = provenance.pop("method", "")
    article.provenance = provenance
    article.raw_source = raw
    article.import_hash = item_digest


def _clinician_account(handle: str | None) -> User | None:
    if not handle:
        return None
    user = (
        User.objects.select_related("clinician_profile")
        .filter(handle__iexact=handle.lstrip("@"), is_active=True, deleted_at__isnull=True)
        .first()
    )
    profile = getattr(user, "clinician_profile", None) if user else None
    return user if profile is not None and profile.is_verified else None


def _topics(values: list[str]) -> list[Topic]:
    topics = []
    for value in values:
        slug = slugify(value)[:80]
        if not slug:
            continue
        name = value.strip() if value.strip() != slug else slug.replace("-", " ").capitalize()
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name[:120]})
        topics.append(topic)
    return topics


def _replace_parts(article: Article, data: dict) -> None:
    article.key_takeaways.all().delete()
    article.faq_items.all().delete()
    article.references.all().delete()
    KeyTakeaway.objects.bulk_create(
        KeyTakeaway(article=article, text=text, position=index)
        for index, text in enumerate(data.get("key_takeaways") or [])
    )
    for index, entry in enumerate(data.get("faq") or []):
        FAQItem.objects.create(
            article=article, question=entry["question"], answer=entry["answer"], position=index
        )
    Reference.objects.bulk_create(
        Reference(
            article=article,
            title=ref["title"],
            url=ref["url"],
            publisher=ref.get("publisher", ""),
            position=index,
        )
        for index, ref in enumerate(data.get("references") or [])
    )
