"""Who prints certificates and who shapes them.

The secretariat prints (and reprints) the certificates of the decisions issued within its
scope; the administrator keeps the templates and the printers of its scope. A template
shared by every issuer belongs to the administrators with the whole tree in scope. Outside
the scope it is a 404, in the scope without the role a 403 (the views decide which).
"""

import rules

from thiduakt.rules import in_scope, is_admin, is_secretariat


@rules.predicate
def shared_or_in_scope(user, template):
    if template is None:
        return True
    if template.issuer_id is None:
        return user.scope_path() == "/"
    return in_scope(user, template)


rules.add_perm("awards.print_certificates", is_secretariat & in_scope)
rules.add_perm("awards.manage_certificate_templates", is_admin & shared_or_in_scope)
rules.add_perm("awards.manage_printers", (is_admin | is_secretariat) & in_scope)
