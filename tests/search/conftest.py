"""Search builders: every kind of searchable thing, each carrying a word chosen by the test."""

from articles.models import FAQItem
from tests.conftest import make_article
from tests.forum.conftest import make_category, make_thread, reply

__all__ = ["make_article", "make_category", "make_faq", "make_thread", "reply"]


def make_faq(*, article=None, question="Can I take it with food?", answer="Yes, in general."):
    return FAQItem.objects.create(
        article=article or make_article(), question=question, answer=answer
    )
