from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = [
        (reverse("dashboard"), _("Dashboard"), "speedometer2"),
        (reverse("unit_list"), _("Units"), "diagram-3"),
        (reverse("person_list"), _("People"), "people"),
    ]
    if user.has_perm("thiduakt.import_people"):
        items.append((reverse("people_import"), _("Import from Excel"), "file-earmark-spreadsheet"))
    if user.is_staff:
        items.append((reverse("admin:index"), _("Administration"), "gear"))
    path = request.path
    return {
        "nav_items": [
            {"url": url, "label": label, "icon": icon, "active": path.startswith(url) and (url != "/" or path == "/")}
            for url, label, icon in items
        ]
    }
