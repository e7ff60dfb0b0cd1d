"""The secretariat's form to post a list of nominations for public opinion."""

from django import forms
from django.utils.translation import gettext_lazy

from thiduakt.forms import DATE_WIDGET
from thiduakt.text import normalize


class NoticeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the notice"), max_length=500)
    start_date = forms.DateField(label=gettext_lazy("Posted from"), widget=DATE_WIDGET)
    working_days = forms.IntegerField(
        label=gettext_lazy("Working days for opinions"), min_value=1, max_value=60, required=False,
        help_text=gettext_lazy("Leave empty to use the longest period the chosen awards require."),
    )  # fmt: skip
    nominations = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset
        for name in ("title", "start_date", "working_days"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_title(self):
        return normalize(self.cleaned_data["title"])
