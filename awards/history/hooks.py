"""What the award history adds to the shell: its section of the person page."""

from awards.history.person_section import person_section
from thiduakt import extensions

extensions.add_person_section(extensions.PersonSection("awards/history/person_history.html", person_section, 10))
