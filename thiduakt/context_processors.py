from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thiduakt import extensions

CORE_ITEMS = [
    extensions.NavItem("dashboard", _("Dashboard"), "speedometer2", 0),
    extensions.NavItem("unit_list", _("Units"), "diagram-3", 50),
    extensions.NavItem("person_list", _("People"), "people", 60),
    extensions.NavItem("admin:index", _("Administration"), "gear", 100, visible=lambda user: user.is_staff),
]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = sorted(CORE_ITEMS + extensions.nav_items, key=lambda i: i.position)
    entries = [(reverse(i.url_name), i.label, i.icon) for i in items if i.visible(user)]
    # The longest matching prefix wins: /people/import/ is "Import", not also "People".
    matches = [url for url, _l, _i in entries if request.path.startswith(url) and (url != "/" or request.path == "/")]
    active = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"url": url, "label": label, "icon": icon, "active": url == active} for url, label, icon in entries
        ]
    }
