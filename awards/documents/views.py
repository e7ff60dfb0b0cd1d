"""The PDF documents of a council session (minutes) and of a decision.

Every URL names the document's kind and the session's or decision's id. Outside the user's
scope it is a 404; in the scope without the role (unit staff), a 403. The panel is a partial
that polls itself with htmx every 2 s while the worker renders.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from awards.documents.forms import MinutesNotesForm
from awards.documents.models import DocumentKind, DocumentStatus
from awards.documents.services import (
    document_of,
    finalise_minutes,
    is_current,
    minutes_of,
    request_document,
    save_minutes_notes,
    target_of,
)
from awards.documents.sources import source_for
from thiduakt import outbox
from thiduakt.downloads import file_download
from thiduakt.errors import DomainError
from thiduakt.rules import in_scope

WAITING_FOR_SERVICE = gettext_lazy(
    "The background service cannot be reached at the moment. "
    "The request is recorded and the PDF will be generated as soon as the service is back."
)


class DocumentMixin(LoginRequiredMixin):
    permission = "awards.view_documents"
    kind = None  # fixed by the URL pattern, or read from it

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kind = kwargs.get("kind", self.kind)
        if self.kind not in DocumentKind.values:
            raise Http404
        try:
            self.target = target_of(self.kind, kwargs["pk"])
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not in_scope(request.user, self.target):
            raise Http404
        if not request.user.has_perm(self.permission, self.target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def page_url(self):
        return reverse("documents:page", args=[self.kind, self.target.pk])

    def panel(self, **extra):
        return render(self.request, "awards/documents/_panel.html", panel_context(self.kind, self.target, **extra))


def panel_context(kind, target, **extra):
    document = document_of(kind, target)
    stale, blocked = False, ""
    if document is None or not document.in_progress:
        try:
            source = source_for(kind, target)
        except DomainError as error:
            blocked = error.message
        else:
            stale = (
                document is not None and document.status == DocumentStatus.READY and not is_current(document, source)
            )
    args = [kind, target.pk]
    return {
        "kind": kind,
        "target": target,
        "document": document,
        "stale": stale,
        "blocked": blocked,
        "polling": bool(document and document.in_progress),
        "waiting_for_service": bool(document and document.in_progress) and outbox.stalled(),
        "panel_id": f"document-{kind}-{target.pk}",
        "panel_url": reverse("documents:panel", args=args),
        "request_url": reverse("documents:request", args=args),
        "download_url": reverse("documents:download", args=args),
        **extra,
    }


class DocumentPageView(DocumentMixin, View):
    """The document's page; for the minutes, also the notes and the finalising."""

    def get(self, request, kind, pk, form=None):
        minutes = minutes_of(self.target) if self.kind == DocumentKind.MINUTES else None
        can_write = minutes is not None and request.user.has_perm("awards.write_minutes", self.target)
        if can_write and not minutes.final and form is None:
            form = MinutesNotesForm(instance=minutes)
        context = {
            **panel_context(self.kind, self.target),
            "minutes": minutes,
            "can_write": can_write,
            "form": form if can_write and not minutes.final else None,
            "title": DocumentKind(self.kind).label,
        }
        return render(request, "awards/documents/page.html", context)

    def post(self, request, kind, pk):
        if self.kind != DocumentKind.MINUTES:
            raise Http404
        if not request.user.has_perm("awards.write_minutes", self.target):
            raise PermissionDenied
        minutes = minutes_of(self.target)
        form = MinutesNotesForm(request.POST, instance=minutes)
        if form.is_valid():
            try:
                save_minutes_notes(
                    self.target, actor=request.user, notes=form.cleaned_data["notes"],
                    expected_version=form.cleaned_data["version"],
                )  # fmt: skip
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The notes of the minutes were saved."))
                return redirect(self.page_url())
        return self.get(request, kind, pk, form=form)


class DocumentPanelView(DocumentMixin, View):
    def get(self, request, kind, pk):
        return self.panel()


class DocumentRequestView(DocumentMixin, View):
    """Ask for the PDF (first time, after a change, or again after a failure)."""

    def post(self, request, kind, pk):
        error = ""
        try:
            request_document(self.kind, self.target, request.user)
        except DomainError as refusal:
            error = refusal.message
        if request.headers.get("HX-Request"):
            return self.panel(refusal=error)
        if error:
            messages.error(request, error)
        elif outbox.stalled():
            messages.warning(request, WAITING_FOR_SERVICE)
        else:
            messages.success(request, _("The PDF is being generated; this page shows it when it is ready."))
        return redirect(self.page_url())


class DocumentDownloadView(DocumentMixin, View):
    def get(self, request, kind, pk):
        # The last file made, also while a newer one renders (the panel says which it is).
        document = document_of(self.kind, self.target)
        if document is None:
            raise Http404
        return file_download(document.file, document.filename or "van-ban.pdf")


class MinutesFinaliseView(DocumentMixin, View):
    permission = "awards.write_minutes"
    kind = DocumentKind.MINUTES

    def post(self, request, pk):
        try:
            finalise_minutes(self.target, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The minutes are final; their PDF is being generated."))
        return redirect(self.page_url())
