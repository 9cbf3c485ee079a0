from articles.pipeline.models import FindingKind, GateOverride, QualityFinding

from .ask_doctor import *  # noqa: F403
from .items import (
    LISTED_STATUSES,
    PUBLIC_STATUSES,
    REACHABLE_STATUSES,
    Article,
    ArticleQuerySet,
    ArticleStatus,
    FAQItem,
    Population,
    Section,
    Topic,
)
from .parts import Correction, KeyTakeaway, Reference, Revision
from .review import EditorialApproval

__all__ = [
    "LISTED_STATUSES",
    "PUBLIC_STATUSES",
    "REACHABLE_STATUSES",
    "Article",
    "ArticleQuerySet",
    "ArticleStatus",
    "Correction",
    "EditorialApproval",
    "FAQItem",
    "FindingKind",
    "GateOverride",
    "KeyTakeaway",
    "Population",
    "QualityFinding",
    "Reference",
    "Revision",
    "Section",
    "Topic",
]
