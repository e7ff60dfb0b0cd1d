"""Where the awards app stores its files, and the certificates' verification codes.

Field options name these callables (``upload_to``, ``default``) and the migrations
serialise them by dotted path, so they live in this one module that never moves
with a feature.
"""

import secrets

from thiduakt.uploads import random_name

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30**10 ≈ 2**49: not guessable, short enough to type


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def attachment_path(instance, filename):
    return random_name("awards/attachments", filename)


def document_path(instance, filename):
    return random_name(f"documents/{instance.kind}", filename)


def batch_path(instance, filename):
    return f"certificates/batches/{secrets.token_hex(16)}/{filename}"


def chunk_path(instance, filename):
    return f"certificates/chunks/{secrets.token_hex(16)}.{filename.rsplit('.', 1)[-1]}"
