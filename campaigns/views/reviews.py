from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from campaigns.forms import ReviewForm
from campaigns.models import ReviewAttachment, ScoreLine
from campaigns.selectors import campaigns_for_user
from campaigns.services.reviews import record_review
from thiduakt.downloads import file_download
from thiduakt.errors import DomainError
from thiduakt.views.mixins import ScopedObjectMixin

from .criteria import CampaignActionMixin


class ReviewCreateView(CampaignActionMixin, FormView):
    form_class = ReviewForm
    template_name = "campaigns/review_form.html"

    def form_valid(self, form):
        try:
            record_review(
                self.campaign, actor=self.request.user, data=form.review_data(), attachments=form.attachments()
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The review was recorded."))
        return self.back()


class CampaignDocumentView(ScopedObjectMixin, View):
    """Review attachments and evidence files, only to people who can see the campaign."""

    selector = campaigns_for_user

    def get(self, request, pk, kind, item):
        campaign = self.get_object()
        if kind == "review":
            stored = get_object_or_404(ReviewAttachment, review__campaign=campaign, pk=item).file
        elif kind == "evidence":
            stored = get_object_or_404(ScoreLine, sheet__campaign=campaign, pk=item).evidence_file
        else:
            raise Http404
        return file_download(stored, stored.name.rsplit("/", 1)[-1])
