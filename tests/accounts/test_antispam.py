"""The honeypot: invisible to people and to screen readers, filled by bots, and then nothing
is accepted."""

import pytest
from django import forms

from accounts.antispam import HONEYPOT_FIELD, HONEYPOT_MESSAGE, HoneypotMixin


class NoteForm(HoneypotMixin, forms.Form):
    body = forms.CharField()


def test_a_person_who_leaves_it_empty_is_let_through_and_it_is_not_passed_on():
    form = NoteForm({"body": "Hello", HONEYPOT_FIELD: ""})
    assert form.is_valid()
    assert form.cleaned_data == {"body": "Hello"}
    assert not form.caught_by_honeypot


def test_a_form_sent_without_the_field_at_all_is_fine():
    assert NoteForm({"body": "Hello"}).is_valid()


@pytest.mark.parametrize("filled", ["http://spam.example", " ", "x"])
def test_a_bot_that_fills_it_is_refused_with_a_message_for_the_whole_form(filled):
    form = NoteForm({"body": "Buy now", HONEYPOT_FIELD: filled})
    assert not form.is_valid()
    assert form.non_field_errors() == [HONEYPOT_MESSAGE]
    assert form.caught_by_honeypot
    assert not form.has_error("body")


def test_it_is_rendered_out_of_sight_out_of_the_tab_order_and_without_autofill():
    form = NoteForm()
    assert [field.name for field in form.visible_fields()] == ["body"]
    assert [field.name for field in form.hidden_fields()] == [HONEYPOT_FIELD]
    html = str(form[HONEYPOT_FIELD])
    assert 'type="text"' in html  # bots skip type=hidden
    assert 'aria-hidden="true"' in html and 'class="visually-hidden"' in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert f'<label for="id_{HONEYPOT_FIELD}">Leave this field empty</label>' in html


def test_it_works_with_a_prefixed_form():
    form = NoteForm({"n-body": "Hi", f"n-{HONEYPOT_FIELD}": "spam"}, prefix="n")
    assert not form.is_valid() and form.caught_by_honeypot
