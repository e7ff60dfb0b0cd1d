"""What later features add to a decision's page, without this feature importing them.

A part is a callable ``(user, decision, lines) -> dict`` whose result joins the page's
context (``lines``: the decision's lines, a list). The certificates feature registers its
print card here from its hooks.py.
"""

decision_page_parts = []


def add_decision_page_part(part):
    if part not in decision_page_parts:
        decision_page_parts.append(part)
