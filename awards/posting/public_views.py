"""The public posting page: no login, anyone may read the list and send an opinion."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from awards.posting.models import PublicNotice
from awards.posting.services import send_feedback
from thiduakt.client_ip import client_ip
from thiduakt.errors import DomainError


class FeedbackForm(forms.Form):
    nomination = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("About"))
    name = forms.CharField(max_length=120, label=gettext_lazy("Your name"))
    contact = forms.CharField(max_length=200, label=gettext_lazy("Phone or email"))
    content = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), label=gettext_lazy("Content"))

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = notice.nominations.select_related("person", "unit")
        self.fields["nomination"].empty_label = _("The whole list")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class PublicNoticeView(FormView):
    template_name = "awards/posting/public_notice.html"
    form_class = FeedbackForm

    def dispatch(self, request, *args, **kwargs):
        self.notice = get_object_or_404(PublicNotice.objects.select_related("unit"), token=kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "notice": self.notice}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            notice=self.notice,
            nominations=self.notice.nominations.select_related("person__unit", "unit", "award_type").order_by(
                "award_type__position", "person__sort_key"
            ),
            open=self.notice.start_date <= today <= self.notice.end_date,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            send_feedback(self.notice, address=client_ip(self.request), **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: your opinion was sent to the emulation secretariat."))
        return redirect("public:notice", token=self.notice.token)
