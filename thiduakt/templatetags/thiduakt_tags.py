from django import template

from thiduakt import audit_display

register = template.Library()


@register.filter
def audit_action(entry):
    return audit_display.action_label(entry)


@register.filter
def audit_changes(entry):
    return audit_display.change_lines(entry)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string on another page of the list whose parameter is `page_param`."""
    return query_with(context, **{context.get("page_param") or "page": number})
