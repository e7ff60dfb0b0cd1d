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
    # The longest matching prefix wins: /people/import/ is "Import", not also "People".
    matches = [
        url for url, _label, _icon in items if request.path.startswith(url) and (url != "/" or request.path == "/")
    ]
    active = max(matches, key=len, default=None)
    return {
        "nav_items": [{"url": url, "label": label, "icon": icon, "active": url == active} for url, label, icon in items]
    }
