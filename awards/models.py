"""Django loads an app's models from ``awards.models``: this module imports each feature's
models so that they register. Code imports a model from its feature
(``from awards.council.models import CouncilSession``), never from here."""

from awards.catalogue import models as catalogue  # noqa: F401
from awards.certificates import models as certificates  # noqa: F401
from awards.council import models as council  # noqa: F401
from awards.decisions import models as decisions  # noqa: F401
from awards.documents import models as documents  # noqa: F401
from awards.eligibility import models as eligibility  # noqa: F401
from awards.history import models as history  # noqa: F401
from awards.nominations import models as nominations  # noqa: F401
from awards.posting import models as posting  # noqa: F401
