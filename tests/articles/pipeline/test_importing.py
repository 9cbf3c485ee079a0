"""manage.py import_items: formats, idempotence, per-item transactions, reports, exit codes."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleStatus, QualityFinding, Revision, Section, Topic
from tests.conftest import make_clinician

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def items():
    return json.loads((FIXTURES / "pipeline-items.json").read_text())


def run(path, *, report=None, stdin=None, monkeypatch=None):
    out = io.StringIO()
    args = [str(path)] + (["--report", str(report)] if report else [])
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("import_items", *args, stdout=out, stderr=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


def write(tmp_path, data, name="items.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_file_with_a_list_imports_every_item_as_a_draft_with_its_parts(tmp_path):
    code, out = run(write(tmp_path, items()))
    assert code == 0
    clean = Article.objects.get(external_id="test-pipeline:2026-10-02:0201")
    assert clean.status == ArticleStatus.DRAFT
    assert clean.number == 201
    assert clean.section.name == "Clinical Context"
    assert clean.commentator_name == "Dr. Amara Okafor"
    assert clean.key_takeaways.count() == 3
    assert [f.question for f in clean.faq_items.all()][0] == "Is CBD the same as medical cannabis?"
    assert clean.references.count() == 2
    assert clean.evidence_size == "140"
    assert clean.provenance["pipeline_version"] == "3.5.0"
    assert sorted(clean.topics.values_list("slug", flat=True)) == [
        "cannabis-medicine",
        "chronic-pain",
        "sleep",
    ]
    assert Topic.objects.get(slug="cannabis-medicine").name == "cannabis medicine"
    assert not clean.findings.exists()
    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in out


def test_findings_are_stored_on_the_item_and_printed(tmp_path):
    code, out = run(write(tmp_path, items()))
    assert code == 0  # findings do not fail an import
    defective = Article.objects.get(number=202)
    stored = set(defective.findings.values_list("field", "kind"))
    assert ("summary", "ai_refusal") in stored
    assert ("image.credit", "foreign_boilerplate") in stored
    assert "ai_refusal in summary" in out
    assert "BLOCKING" in out


def test_repairable_mojibake_is_saved_repaired(tmp_path):
    run(write(tmp_path, items()))
    takeaway = Article.objects.get(number=202).key_takeaways.all()[1]
    assert takeaway.text == "The registry included don’t-miss cases from 40 clinics."
    repair = QualityFinding.objects.get(field="key_takeaways.1")
    assert (repair.excerpt, repair.repair, repair.blocking) == ("donâ€™t-miss", "don’t-miss", False)


def test_importing_again_changes_nothing_and_a_changed_item_updates(tmp_path):
    path = write(tmp_path, items())
    run(path)
    code, out = run(path)
    assert code == 0
    assert "0 created, 0 updated, 2 unchanged" in out
    assert Article.objects.count() == 2
    changed = items()
    changed[0]["title"] = "Nightly CBD did not beat placebo for sleep in older adults"
    changed[0]["faq"] = changed[0]["faq"][:1]
    code, out = run(write(tmp_path, changed))
    assert "0 created, 1 updated, 1 unchanged" in out
    article = Article.objects.get(number=201)
    assert article.title.startswith("Nightly CBD")
    assert article.faq_items.count() == 1
    assert Article.objects.count() == 2
    assert Revision.objects.filter(article=article).count() == 2


def test_a_published_item_is_not_overwritten_by_the_pipeline(tmp_path):
    run(write(tmp_path, items()[:1]))
    Article.objects.filter(number=201).update(status=ArticleStatus.PUBLISHED)
    changed = items()[:1]
    changed[0]["summary"] = "Something else entirely."
    code, out = run(write(tmp_path, changed))
    assert code == 1
    assert "external_id" in out
    assert Article.objects.get(number=201).summary.startswith("In a randomized")


def test_json_lines_and_folders_are_read(tmp_path):
    first, second = items()
    folder = tmp_path / "drop"
    folder.mkdir()
    write(folder, json.dumps(first) + "\n\n" + json.dumps(second) + "\n", "batch.jsonl")
    write(folder, "not for us", "notes.txt")
    code, out = run(folder)
    assert code == 0
    assert Article.objects.count() == 2


def test_standard_input_is_read(monkeypatch):
    code, _ = run("-", stdin=json.dumps(items()[0]), monkeypatch=monkeypatch)
    assert code == 0
    assert Article.objects.filter(number=201).exists()


def test_a_bad_item_is_rejected_with_its_field_and_the_others_import(tmp_path):
    good, bad = items()
    del bad["source"]["url"]
    bad["title"] = 42
    bad["faq"][0]["answer"] = "Fine\x00"
    bad["evidence"]["population"] = "martian"
    report = tmp_path / "report.json"
    code, out = run(write(tmp_path, [good, bad]), report=report)
    assert code == 1
    data = json.loads(report.read_text())
    assert (data["created"], data["rejected"]) == (1, 1)
    rejected = data["items"][1]
    assert rejected["status"] == "rejected"
    assert rejected["external_id"] == "test-pipeline:2026-10-02:0202"
    assert {e["field"] for e in rejected["errors"]} == {
        "source.url",
        "title",
        "faq.0.answer",
        "evidence.population",
    }
    messages = {e["field"]: e["message"] for e in rejected["errors"]}
    assert messages["source.url"] == "is required"
    assert messages["title"] == "must be text"
    assert "control characters" in messages["faq.0.answer"]
    assert Article.objects.count() == 1
    assert "error    source.url: is required" in out


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda i: i.pop("external_id"), "external_id"),
        (lambda i: i["source"].update(url="javascript:alert(1)"), "source.url"),
        (lambda i: i["source"].update(published_at="2026-13-45T99:00:00Z"), "source.published_at"),
        (lambda i: i.update(title="x" * 201), "title"),
        (lambda i: i.update(number=-3), "number"),
        (lambda i: i["section"].update(slug="no spaces/please"), "section.slug"),
        (lambda i: i.update(faq="none"), "faq"),
    ],
)
def test_invalid_fields_are_named(tmp_path, change, field):
    item = items()[0]
    change(item)
    report = tmp_path / "r.json"
    code, _ = run(write(tmp_path, item), report=report)
    assert code == 1
    errors = json.loads(report.read_text())["items"][0]["errors"]
    assert field in {e["field"] for e in errors}
    assert not Article.objects.exists()


def test_a_number_taken_by_another_item_is_rejected(tmp_path):
    first, second = items()
    second["number"] = first["number"]
    report = tmp_path / "r.json"
    code, _ = run(write(tmp_path, [first, second]), report=report)
    assert code == 1
    assert json.loads(report.read_text())["items"][1]["errors"][0]["field"] == "number"


def test_a_missing_number_is_assigned_and_unknown_fields_are_kept(tmp_path):
    item = items()[0]
    del item["number"]
    item["pipeline_notes"] = {"batch": 7}
    run(write(tmp_path, item))
    article = Article.objects.get()
    assert article.number >= 1
    assert article.raw_source["pipeline_notes"] == {"batch": 7}


def test_an_existing_section_keeps_its_editors_name(tmp_path):
    Section.objects.create(slug="clinical-context", name="Clinical Context (edited)")
    run(write(tmp_path, items()[0]))
    assert Section.objects.get(slug="clinical-context").name == "Clinical Context (edited)"


def test_a_verified_clinicians_handle_links_the_account():
    clinician = make_clinician(handle="dr_okafor")
    item = items()[0]
    item["commentary"]["clinician"]["handle"] = "dr_okafor"
    from articles.pipeline.importing import import_item

    assert import_item(item).status == "created"
    assert Article.objects.get().commentator == clinician


@pytest.mark.parametrize(
    "content", ["", "{not json", "[1, 2", "\xff\xfe garbage"], ids=["empty", "bad", "cut", "bin"]
)
def test_unreadable_input_exits_2(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content.encode("latin-1"))
    report = tmp_path / "r.json"
    code, out = run(path, report=report)
    assert code == 2
    assert "Cannot read the input" in out
    assert json.loads(report.read_text())["rejected"] == 0


def test_a_missing_path_exits_2(tmp_path):
    code, _ = run(tmp_path / "nowhere.json")
    assert code == 2


def test_a_list_with_something_other_than_objects_rejects_that_entry(tmp_path):
    code, _ = run(write(tmp_path, [items()[0], "just a string"]))
    assert code == 1
    assert Article.objects.count() == 1


def test_one_bad_line_in_json_lines_is_rejected_and_the_rest_import(tmp_path):
    lines = json.dumps(items()[0]) + "\n{broken\n" + json.dumps(items()[1]) + "\n"
    report = tmp_path / "r.json"
    code, _ = run(write(tmp_path, lines, "batch.jsonl"), report=report)
    assert code == 1
    data = json.loads(report.read_text())
    assert (data["created"], data["rejected"]) == (2, 1)
    assert data["items"][1]["errors"][0]["field"] == "batch.jsonl line 2"


def test_the_schema_matches_the_format_it_documents():
    from articles.pipeline.importing import validate

    for item in items():
        assert validate(copy.deepcopy(item)) == []
