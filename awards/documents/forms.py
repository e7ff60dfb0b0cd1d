from django import forms
from django.utils.translation import gettext_lazy as _

from awards.documents.models import Minutes


class MinutesNotesForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Minutes
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 8})}
        labels = {"notes": _("Other opinions and notes")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
