from .ask_doctor import *  # noqa: F403
from .items import (
    PUBLIC_STATUSES,
    Article,
    ArticleQuerySet,
    ArticleStatus,
    FAQItem,
    Population,
    Section,
    Topic,
)

__all__ = [
    "PUBLIC_STATUSES",
    "Article",
    "ArticleQuerySet",
    "ArticleStatus",
    "FAQItem",
    "Population",
    "Section",
    "Topic",
]
