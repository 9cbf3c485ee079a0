"""The admin pages editors work in pass axe whole — not only the parts this project added —
at phone width and on a desktop: the item's add and change forms with every inline, the item
list with its filters, the overdue-review list, and a question in the admin."""

import pytest
from django.urls import reverse

from articles.models import ArticleStatus
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_editor
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]


def test_the_editors_admin_pages_pass_axe_at_phone_and_desktop_width(page):
    editor = make_editor(email="desk@example.com")
    item = make_article(title="Walking after meals")
    draft = make_article(status=ArticleStatus.DRAFT, title="Naps and memory")
    make_question(article=item)
    log_in(page, editor.email)
    urls = [
        reverse("admin:index"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[item.pk]),
        reverse("admin:articles_article_change", args=[draft.pk]),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?review=overdue",
        reverse("admin:articles_article_history", args=[item.pk]),
        reverse("admin:articles_article_delete", args=[draft.pk]),
        # the look-up window of the "superseded by" and commentator fields
        reverse("admin:articles_article_changelist") + "?_to_field=id&_popup=1",
        reverse("admin:articles_section_changelist"),
        reverse("admin:articles_section_add"),
        reverse("admin:articles_topic_add"),
    ]
    problems = []
    for size in SIZES:
        page.set_viewport_size(size)
        for url in urls:
            page.goto(page.base_url + url)
            try:
                assert_accessible(page)
            except AssertionError as error:
                problems.append(f"{size['width']}px {url}: {error}")
    # and the add form as it comes back with errors on it
    page.goto(page.base_url + reverse("admin:articles_article_add"))
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    try:
        assert_accessible(page)
    except AssertionError as error:
        problems.append(f"add form with errors: {error}")
    assert not problems, "\n".join(problems)
