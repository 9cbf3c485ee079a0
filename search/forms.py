"""The search page's form: the query and its filters, each refused with a message beside it."""

from django import forms

from articles.models import Section, Topic

from .models import Kind
from .parsing import QueryError, parse

MAX_PAGE = 500


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    kind = forms.MultipleChoiceField(
        label="Show", choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any section",
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(
        min_value=1, max_value=MAX_PAGE, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["q"].help_text = 'Use "quotes" for a phrase and -word to leave a word out.'

    def clean_q(self):
        text = self.cleaned_data["q"]
        try:
            self.parsed = parse(text)
        except QueryError as error:
            raise forms.ValidationError(str(error), code="query") from error
        return text

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
