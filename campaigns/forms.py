from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ClusterRole, EmulationTitle, ReviewKind
from campaigns.models import Campaign, Cluster, Criterion, Review
from thiduakt.forms import DATE_WIDGET, VersionedModelForm
from thiduakt.selectors import people_for_user, units_for_user
from thiduakt.uploads import validate_document


class DocumentField(forms.FileField):
    """A PDF, DOCX or image, checked by its content."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "content_type"):
            validate_document(upload)
        return upload


class CampaignForm(VersionedModelForm):
    plan_file = DocumentField(label=_("Plan document"), required=False)

    class Meta:
        model = Campaign
        fields = [
            "title", "kind", "launcher", "scope", "cluster", "chosen_units", "plan_number", "plan_date",
            "plan_signer", "plan_file", "theme", "content", "targets", "start_date", "end_date",
            "submissions_open", "submissions_close",
        ]  # fmt: skip
        widgets = {
            "plan_date": DATE_WIDGET, "start_date": DATE_WIDGET, "end_date": DATE_WIDGET,
            "submissions_open": DATE_WIDGET, "submissions_close": DATE_WIDGET,
            "content": forms.Textarea(attrs={"rows": 4}), "targets": forms.Textarea(attrs={"rows": 3}),
            "chosen_units": forms.SelectMultiple(attrs={"size": 8}),
        }  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scoped = units_for_user(user).order_by("path")
        self.fields["launcher"].queryset = scoped
        self.fields["chosen_units"].queryset = scoped
        self.fields["cluster"].queryset = Cluster.objects.filter(owner__path__startswith=user.scope_path() or "-")
        self.fields["chosen_units"].help_text = _("Only when the participants are chosen units.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("Campaign"),
                "title",
                Row(Column("kind", css_class="col-md-4"), Column("launcher", css_class="col-md-8")),
                Field("theme"),
                Row(
                    Column("start_date", css_class="col-md-3"),
                    Column("end_date", css_class="col-md-3"),
                    Column("submissions_open", css_class="col-md-3"),
                    Column("submissions_close", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("Participants"),
                Row(Column("scope", css_class="col-md-6"), Column("cluster", css_class="col-md-6")),
                "chosen_units",
            ),
            Fieldset(
                _("Plan document"),
                Row(
                    Column("plan_number", css_class="col-md-4"),
                    Column("plan_date", css_class="col-md-3"),
                    Column("plan_signer", css_class="col-md-5"),
                ),
                "plan_file",
            ),
            Fieldset(_("Content and targets"), "content", "targets"),
            "version",
            Submit("save", _("Save"), css_class="btn-primary"),
        )

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The campaign ends before it starts."))
        return data

    def service_data(self):
        data = super().service_data()
        data.pop("chosen_units", None)
        if not data.get("plan_file"):
            data.pop("plan_file", None)  # keep the stored file when none is uploaded
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["description", "max_points", "weight", "mandatory"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "description",
            Row(
                Column("max_points", css_class="col-md-4"),
                Column("weight", css_class="col-md-4"),
                Column("mandatory", css_class="col-md-4 pt-md-4"),
            ),
            Submit("save", _("Save the criterion"), css_class="btn-primary"),
        )


class CopyCriteriaForm(forms.Form):
    source = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Copy the criteria of"))

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = campaigns


class RegistrationForm(forms.Form):
    """The unit's own titles as checkboxes, then one title per person."""

    unit_titles = forms.MultipleChoiceField(
        label=_("Titles the unit registers for"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        choices=[(t.value, t.label) for t in EmulationTitle.for_collectives()],
    )  # fmt: skip
    pledge = forms.CharField(label=_("Pledge (giao ước)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, unit, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people_for_user(user).filter(unit__path__startswith=unit.path, is_active=True))
        choices = [("", _("— not registered —"))] + [(t.value, t.label) for t in EmulationTitle.for_individuals()]
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=f"{person.full_name} — {person.position or ''}", choices=choices, required=False
            )

    def person_fields(self):
        return [(person, self[f"person_{person.pk}"]) for person in self.people]

    def entries(self):
        titles = [(None, title) for title in self.cleaned_data["unit_titles"]]
        people = [(p, self.cleaned_data[f"person_{p.pk}"]) for p in self.people if self.cleaned_data[f"person_{p.pk}"]]
        return titles + people


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}))


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "kind", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units_for_user(user).order_by("path")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Row(Column("kind", css_class="col-md-4"), Column("owner", css_class="col-md-8")),
            "description",
            Submit("save", _("Save"), css_class="btn-primary"),
        )


class MembershipForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    role = forms.ChoiceField(label=_("Role"), choices=ClusterRole.choices, initial=ClusterRole.MEMBER)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_user(user).order_by("path")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("unit", css_class="col-md-6"),
                Column("year", css_class="col-md-2"),
                Column("role", css_class="col-md-2"),
                Column(Submit("add", _("Add or change"), css_class="btn-primary mt-md-4"), css_class="col-md-2"),
            ),
        )


class ScoreForm(forms.Form):
    """One row per criterion: points (and evidence for the member, a note for the cluster)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criteria, lines, by_cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.lines, self.by_cluster = criteria, lines, by_cluster
        for criterion in criteria:
            line = lines.get(criterion.pk)
            prefix = f"c{criterion.pk}"
            self.fields[f"{prefix}_points"] = forms.DecimalField(
                label=_("Points"),
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=2,
                initial=getattr(line, "cluster_points" if by_cluster else "self_points", None),
                widget=forms.NumberInput(attrs={"step": "0.25", "class": "form-control"}),
            )
            if by_cluster:
                self.fields[f"{prefix}_note"] = forms.CharField(
                    label=_("Note"),
                    required=False,
                    initial=getattr(line, "cluster_note", ""),
                    widget=forms.TextInput(attrs={"class": "form-control"}),
                )
            else:
                self.fields[f"{prefix}_evidence"] = forms.CharField(
                    label=_("Evidence"),
                    required=False,
                    initial=getattr(line, "evidence", ""),
                    widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                )
                self.fields[f"{prefix}_file"] = DocumentField(label=_("Evidence file"), required=False)

    def rows(self):
        for criterion in self.criteria:
            prefix = f"c{criterion.pk}"
            extra = self[f"{prefix}_note"] if self.by_cluster else self[f"{prefix}_evidence"]
            file_field = None if self.by_cluster else self[f"{prefix}_file"]
            yield criterion, self.lines.get(criterion.pk), self[f"{prefix}_points"], extra, file_field

    def scores(self):
        result = {}
        for criterion in self.criteria:
            prefix = f"c{criterion.pk}"
            values = {"points": self.cleaned_data[f"{prefix}_points"]}
            if self.by_cluster:
                values["note"] = self.cleaned_data[f"{prefix}_note"]
            else:
                values["evidence"] = self.cleaned_data[f"{prefix}_evidence"]
                values["evidence_file"] = self.cleaned_data.get(f"{prefix}_file")
            result[criterion.pk] = values
        return result


FINAL_REVIEW_HINT = _("The final review moves the campaign to its final stage; it can then be closed.")


class ReviewForm(forms.ModelForm):
    attachment_title = forms.CharField(label=_("Attachment title"), required=False)
    attachment = DocumentField(label=_("Attachment (report, minutes…)"), required=False)

    class Meta:
        model = Review
        fields = [
            "kind", "held_on", "summary", "participating_units", "collectives_commended",
            "individuals_commended", "figures_note",
        ]  # fmt: skip
        widgets = {
            "held_on": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 5}),
            "figures_note": forms.Textarea(attrs={"rows": 2}),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReviewKind.choices
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-6"), Column("held_on", css_class="col-md-6")),
            "summary",
            Row(
                Column("participating_units", css_class="col-md-4"),
                Column("collectives_commended", css_class="col-md-4"),
                Column("individuals_commended", css_class="col-md-4"),
            ),
            "figures_note",
            Row(Column("attachment_title", css_class="col-md-5"), Column("attachment", css_class="col-md-7")),
            HTML(f'<p class="small text-muted">{FINAL_REVIEW_HINT}</p>'),
            Submit("save", _("Record the review"), css_class="btn-primary"),
        )

    def review_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in ("attachment", "attachment_title")}

    def attachments(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return []
        return [(self.cleaned_data.get("attachment_title") or upload.name, upload)]
