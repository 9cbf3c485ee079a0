"""Markdown stored as source + HTML: one model mixin keeps each `*_html` field rendered.

A model lists its Markdown fields, `markdown_fields = {"body": "body_html"}` (options for
`render_markdown` as a pair: `{"body": ("body_html", {"headings": True})}`). On save, a source
is rendered when the row is new, when the source changed since the row was loaded, or when its
HTML is missing; an unchanged source is not rendered again (a status change does not re-run
the Markdown pipeline). With `save(update_fields=[...])` only the named sources are looked
at, and their HTML fields are saved with them. Templates use `|safe` only on these fields.
"""

from .markup import render_markdown


class KeepsHtmlRendered:
    markdown_fields: dict = {}

    @classmethod
    def _markdown_targets(cls):
        for source, target in cls.markdown_fields.items():
            html, options = target if isinstance(target, tuple) else (target, {})
            yield source, html, options

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._remember_markdown()
        return instance

    def _remember_markdown(self):
        loaded = self.__dict__
        self._markdown_loaded = {s: loaded[s] for s in self.markdown_fields if s in loaded}

    def _needs_render(self, source: str, html: str) -> bool:
        if self._state.adding or source not in getattr(self, "_markdown_loaded", {}):
            return True
        value = getattr(self, source)
        return self._markdown_loaded[source] != value or (bool(value) and not getattr(self, html))

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        rendered = set()
        for source, html, options in self._markdown_targets():
            if update_fields is not None and source not in update_fields:
                continue
            if self._needs_render(source, html):
                value = getattr(self, source)
                setattr(self, html, render_markdown(value, **options) if value else "")
                rendered.add(html)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)
        self._remember_markdown()
