"""Forms of the council's sessions: the agenda, attendance, the vote-counting passphrase, ballots."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.council.selectors import (
    councils_for_user,
)
from awards.enums import CouncilRole
from thiduakt.forms import DATE_WIDGET

ROLE_ORDER = {CouncilRole.CHAIR: 0, CouncilRole.VICE_CHAIR: 1, CouncilRole.STANDING: 2, CouncilRole.MEMBER: 3}


AGREE, DISAGREE = "agree", "disagree"


class SessionForm(forms.Form):
    council = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Council"))
    held_on = forms.DateField(label=gettext_lazy("Date of the session"), widget=DATE_WIDGET)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_for_user(user)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class NominationsForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset

    def clean_nominations(self):
        chosen = self.cleaned_data["nominations"]
        if not chosen:
            raise forms.ValidationError(_("Tick at least one nomination."))
        return chosen


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = session.council.members.filter(is_active=True)


def _passphrase_field(label, autocomplete):
    # Not stripped: the passphrase is used exactly as typed (only Unicode-normalised).
    widget = forms.PasswordInput(attrs={"class": "form-control", "autocomplete": autocomplete})
    return forms.CharField(label=label, strip=False, required=False, widget=widget)


class OpenVotingForm(forms.Form):
    passphrase = _passphrase_field(gettext_lazy("Vote-counting passphrase"), "new-password")
    passphrase_again = _passphrase_field(gettext_lazy("The passphrase again"), "new-password")

    def clean(self):
        data = super().clean()
        if data.get("passphrase") != data.get("passphrase_again"):
            raise forms.ValidationError(_("The two passphrases typed differ."))
        return data


class CloseVotingForm(forms.Form):
    passphrase = _passphrase_field(gettext_lazy("Vote-counting passphrase"), "off")


class BallotForm(forms.Form):
    """Agree / disagree per agenda item; an item left blank keeps the vote it has (or none)."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"vote_{item.pk}"] = forms.ChoiceField(
                choices=[(AGREE, _("Agree")), (DISAGREE, _("Disagree"))], required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}), label=str(item.nomination.nominee),
            )  # fmt: skip

    def choices(self):
        """(item, agree) for every item given a choice."""
        return [
            (item, self.cleaned_data[f"vote_{item.pk}"] == AGREE)
            for item in self.items
            if self.cleaned_data.get(f"vote_{item.pk}")
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.choices():
            raise forms.ValidationError(_("Choose agree or disagree for at least one nomination."))
        return data


class WrittenOpinionForm(BallotForm):
    member = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Absent member"))

    def __init__(self, *args, absent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = absent
        self.fields["member"].widget.attrs["class"] = "form-select"
        self.order_fields(["member"])
