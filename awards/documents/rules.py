"""Who sees and writes the documents of a session or a decision.

The secretariat and the council members whose scope holds the council's unit (for the
minutes) or the decision's issuer see the documents and may ask for them; the secretariat
writes and finalises the notes of the minutes. Outside the scope it is a 404, in the scope
without the role a 403 (the views decide which).
"""

import rules

from thiduakt.rules import in_scope, is_council, is_secretariat

can_see_documents = (is_secretariat | is_council) & in_scope
can_write_minutes = is_secretariat & in_scope

rules.add_perm("awards.view_documents", can_see_documents)
rules.add_perm("awards.write_minutes", can_write_minutes)
