"""The secretariat's public postings: post a list for opinions, follow the feedback."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from awards.catalogue.models import AwardType
from awards.catalogue.selectors import award_type_filter
from awards.nominations.selectors import nominee_search
from awards.posting.forms import NoticeForm
from awards.posting.models import Feedback
from awards.posting.selectors import notices_for_user, posting_candidates, with_posting
from awards.posting.services import publish
from thiduakt.errors import DomainError
from thiduakt.pagination import page_of
from thiduakt.views.mixins import RulePermissionMixin

# Rows per page of the candidates: a district may post thousands of nominations at once.
CANDIDATE_PAGE = 50


class NoticePermissionMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "awards.publish_notice"

    def get_permission_object(self):
        return self.request.user.unit


class NoticeListView(NoticePermissionMixin, ListView):
    template_name = "awards/posting/notice_list.html"
    context_object_name = "notices"
    paginate_by = 20

    def get_queryset(self):
        return (
            notices_for_user(self.request.user)
            .annotate(
                nomination_count=Count("nominations", distinct=True), feedback_count=Count("feedback", distinct=True)
            )
            .order_by("-start_date", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class NoticeCreateView(NoticePermissionMixin, FormView):
    template_name = "awards/posting/notice_form.html"
    form_class = NoticeForm

    def candidates(self):
        candidates = posting_candidates(self.request.user, award_type_filter(self.request))
        page = page_of(self.request, nominee_search(candidates, self.request.GET.get("q", "")), CANDIDATE_PAGE)
        with_posting(page.object_list)
        return page

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "queryset": posting_candidates(self.request.user)}

    def get_initial(self):
        return {"start_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            candidates=self.candidates(), award_types=AwardType.objects.filter(is_active=True),
            award_type=award_type_filter(self.request), query=self.request.GET.get("q", ""), **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        data = form.cleaned_data
        if not data["nominations"]:
            form.add_error(None, _("Choose the nominations to post."))
            return self.form_invalid(form)
        try:
            notice = publish(
                actor=self.request.user, unit=self.request.user.unit, title=data["title"],
                nominations=data["nominations"], start_date=data["start_date"], working_days=data["working_days"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(error.field, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The list is posted; opinions are received until %(date)s.") % {"date": f"{notice.end_date:%d/%m/%Y}"},
        )
        return redirect("posting:notice_detail", pk=notice.pk)


class NoticeDetailView(NoticePermissionMixin, TemplateView):
    """The secretariat's view of a notice: its public address and the feedback per nomination."""

    template_name = "awards/posting/notice_detail.html"

    def get_context_data(self, **kwargs):
        notice = get_object_or_404(notices_for_user(self.request.user), pk=self.kwargs["pk"])
        feedback = list(Feedback.objects.filter(notice=notice).order_by("created_at"))
        by_nomination = {}
        for entry in feedback:
            by_nomination.setdefault(entry.nomination_id, []).append(entry)
        nominations = list(
            notice.nominations.select_related(
                "person__unit", "unit", "award_type", "submission__proposing_unit"
            ).order_by("award_type__position", "award_type_id", "person__sort_key", "unit__name", "pk")
        )
        for nomination in nominations:
            nomination.notice_feedback = by_nomination.get(nomination.pk, [])
        today = timezone.localdate()
        return super().get_context_data(
            notice=notice, nominations=nominations, general_feedback=by_nomination.get(None, []),
            feedback_count=len(feedback), open=notice.start_date <= today <= notice.end_date,
            public_url=self.request.build_absolute_uri(reverse("public:notice", args=[notice.token])), **kwargs,
        )  # fmt: skip
