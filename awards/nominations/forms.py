import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.enums import AttachmentKind
from awards.nominations.models import Nomination, Submission
from awards.nominations.selectors import nominable_people
from campaigns.selectors import campaigns_for_user
from thiduakt.enums import Gender
from thiduakt.forms import DATE_WIDGET, VersionedModelForm
from thiduakt.once import OneTimeTokenField
from thiduakt.selectors import people_for_user, units_for_user
from thiduakt.text import fold, normalize


class SubmissionForm(VersionedModelForm):
    token = OneTimeTokenField()  # a new list's form, sent twice, creates one list

    class Meta:
        model = Submission
        fields = ["proposing_unit", "number", "date", "signer", "year", "method", "campaign"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["token"]
        self.fields["proposing_unit"].queryset = units_for_user(user).active_on(timezone.localdate()).order_by("path")
        self.fields["campaign"].queryset = campaigns_for_user(user)
        self.fields["campaign"].help_text = _("Only for nominations that come from a campaign.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("proposing_unit", css_class="col-md-6"), Column("year", css_class="col-md-2"),
                Column("method", css_class="col-md-4")),
            Row(Column("number", css_class="col-md-4"), Column("date", css_class="col-md-3"),
                Column("signer", css_class="col-md-5")),
            "campaign",
            "version",
            *(["token"] if "token" in self.fields else []),
            Submit("save", _("Save"), css_class="btn-primary"),
        )  # fmt: skip

    def service_data(self):
        return {k: v for k, v in super().service_data().items() if k != "token"}


class PersonPicker(forms.Select):
    """A select holding only the chosen person: the others are found by typing (see PersonSearchView).

    A district has thousands of people in scope; listing them all made the form a megabyte.
    """

    def optgroups(self, name, value, attrs=None):
        people = self.choices.queryset.filter(pk__in=[v for v in value if str(v).isdigit()])
        shown = copy.copy(self)
        shown.choices = [("", "---------"), *((person.pk, person_label(person)) for person in people)]
        return super(PersonPicker, shown).optgroups(name, value, attrs)


def person_label(person):
    born = f" · {person.birth_date:%d/%m/%Y}" if person.birth_date else ""
    return f"{person.full_name}{born} — {person.unit.name}"


class NominationForm(VersionedModelForm):
    """A person picked from the unit's list, a new person entered inline, or a collective."""

    new_full_name = forms.CharField(label=_("Full name"), required=False, max_length=120)
    new_gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False)
    new_birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE_WIDGET)
    new_position = forms.CharField(label=_("Position"), required=False, max_length=200)
    new_unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)

    class Meta:
        model = Nomination
        fields = ["person", "unit", "award_type", "achievement"]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, submission, user, collective, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission, self.user, self.collective = submission, user, collective
        scope = submission.proposing_unit
        self.fields["person"].widget = PersonPicker()
        self.fields["person"].queryset = nominable_people(user, submission)
        self.fields["person"].required = False
        self.fields["unit"].queryset = units_for_user(user).filter(path__startswith=scope.path)
        self.fields["new_unit"].queryset = self.fields["unit"].queryset
        flag = "for_collectives" if collective else "for_individuals"
        self.fields["award_type"].queryset = AwardType.objects.filter(is_active=True, **{flag: True})
        if collective:
            for name in ("person", "new_full_name", "new_gender", "new_birth_date", "new_position", "new_unit"):
                del self.fields[name]
            self.fields["unit"].required = True
        else:
            del self.fields["unit"]
            self.fields["person"].help_text = _("Or enter a new person below, if they are not in the list yet.")

    def clean(self):
        data = super().clean()
        if self.collective or data.get("person"):
            return data
        if not data.get("new_full_name"):
            raise forms.ValidationError(_("Choose the person, or enter the new person's full name."))
        for name in ("new_gender", "new_unit"):
            if not data.get(name):
                self.add_error(name, _("Needed for a new person."))
        match = self._existing_person(data)
        if match:
            raise forms.ValidationError(
                _("%(name)s, born %(born)s, already works at %(unit)s: choose them in the list instead.")
                % {"name": match.full_name, "born": f"{match.birth_date:%d/%m/%Y}", "unit": match.unit}
            )
        return data

    def _existing_person(self, data):
        """Duplicate-person detection: the same name (accents ignored) and birth date in scope."""
        if not data.get("new_birth_date"):
            return None
        wanted = fold(normalize(data["new_full_name"]))
        candidates = people_for_user(self.user).filter(birth_date=data["new_birth_date"])
        return next((p for p in candidates if fold(p.full_name) == wanted), None)

    def new_person_data(self):
        data = self.cleaned_data
        if self.collective or data.get("person"):
            return None
        return {
            "full_name": data["new_full_name"], "gender": data["new_gender"], "birth_date": data["new_birth_date"],
            "position": data["new_position"], "unit": data["new_unit"],
        }  # fmt: skip

    def expected_version(self):
        return self.cleaned_data.get("version")

    def nomination_data(self):
        keys = ("unit", "award_type", "achievement") if self.collective else ("person", "award_type", "achievement")
        return {k: self.cleaned_data.get(k) for k in keys}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File (PDF, DOCX or image, up to 20 MB)"))


class ReaddressForm(forms.Form):
    """Where a list pending at a body that has ended goes, and why (the choice is among the allowed ones)."""

    to = forms.TypedChoiceField(label=_("Send it to"), coerce=int)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {unit.pk: unit for unit in targets}
        self.fields["to"].choices = [(unit.pk, unit.name) for unit in targets]
        self.fields["to"].error_messages["invalid_choice"] = _("Choose the body to send it to among those offered.")

    def target(self):
        return self.targets[self.cleaned_data["to"]]
