"""Pages of long lists that are not a view's own list (a session's agenda, its candidates)."""

from django.core.paginator import Paginator


def page_of(request, rows, per_page, param="page"):
    """The page of `rows` the `param` query parameter asks for (out of range: the last one).

    Render it with `partials/pagination.html` and `page_param` set to the same name, so two
    lists on one page turn their pages independently.
    """
    return Paginator(rows, per_page).get_page(request.GET.get(param))
