"""What an item page tells machines and share targets: canonical URL, Open Graph, JSON-LD."""

import json
import re
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# As django.utils.html.json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def plain(html: str, words: int = 40) -> str:
    text = re.sub(r"\s+", " ", strip_tags(html)).strip()
    return Truncator(text).words(words)


def description(article) -> str:
    return article.dek or plain(article.summary_html)


def json_ld(article, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": description(article),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "articleSection": article.section.name,
        "keywords": [topic.name for topic in article.topics.all()],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "author": {
            "@type": "Person",
            "name": article.commentator_name,
            "jobTitle": article.commentator_credentials,
        }
        if article.commentator_name
        else {"@type": "Organization", "name": settings.SITE_NAME},
        "isBasedOn": article.source_url or None,
        "image": article.image_share_url or None,
    }
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


def share_links(article, url: str) -> list[tuple[str, str]]:
    title = article.title
    text = f"{title} {url}"
    return [
        ("Email", f"mailto:?{urlencode({'subject': title, 'body': text}, quote_via=quote)}"),
        ("Bluesky", f"https://bsky.app/intent/compose?{urlencode({'text': text})}"),
        ("X", f"https://x.com/intent/post?{urlencode({'text': title, 'url': url})}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"),
        (
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': url})}",
        ),
        ("WhatsApp", f"https://wa.me/?{urlencode({'text': text})}"),
    ]


def evidence_label(article) -> list[str]:
    parts = []
    if article.evidence_design:
        parts.append(article.evidence_design[:1].upper() + article.evidence_design[1:])
    size = article.evidence_size.strip()
    if size:
        parts.append(f"{size} participants" if size.isdigit() else size)
    if article.evidence_peer_reviewed is True:
        parts.append("Peer reviewed")
    elif article.evidence_peer_reviewed is False:
        parts.append("Preprint, not yet peer reviewed")
    if article.evidence_population:
        parts.append(
            {"human": "In people", "animal": "In animals", "in vitro": "In cells or tissue"}.get(
                article.evidence_population, article.get_evidence_population_display()
            )
        )
    return parts


def detail_context(article) -> dict:
    url = absolute(article.get_absolute_url())
    corrections = list(article.corrections.all())
    return {
        "article": article,
        "canonical_url": url,
        "description": description(article),
        "json_ld": json_ld(article, url),
        "share_links": share_links(article, url),
        "evidence": evidence_label(article),
        "corrections": corrections,
        "last_corrected_at": corrections[-1].created_at if corrections else None,
        "preview": not article.is_public,
    }
