"""The sealed ballot box of a session's secret votes.

A secret vote is written only as a sealed box (libsodium `crypto_box_seal`: an ephemeral
X25519 key and an authenticated cipher) to the session's vote-counting public key. The
private key is derived with Argon2id from a passphrase the person opening the vote chooses
and the server never stores, so nothing in the database, the settings or `SECRET_KEY` opens
a ballot — not the live rows, nor old row versions, WAL, replicas or backups. Closing the
vote asks for the passphrase again, opens the ballots in memory and keeps only the tallies.

Every ballot has the same length, and names its item and member inside the seal so that a
ballot copied to another member's receipt is noticed when the box is opened.
"""

import struct
import unicodedata
from dataclasses import dataclass

import nacl.bindings
import nacl.exceptions
import nacl.pwhash
import nacl.utils
from django.utils.translation import gettext as _
from nacl.public import PrivateKey, PublicKey, SealedBox

from thiduakt.errors import DomainError

MIN_PASSPHRASE = 12
_KDF = nacl.pwhash.argon2id
_ALGORITHM = "argon2id"
_VERSION = 1
_PLAIN = struct.Struct(">BQQ??13x")  # version, item, member, agree, written, padding: 32 bytes
SEALED_LENGTH = nacl.bindings.crypto_box_SEALBYTES + _PLAIN.size  # 80 bytes, every ballot


@dataclass(frozen=True)
class Ballot:
    item_id: int
    member_id: int
    agree: bool
    written: bool


def _normal(passphrase):
    # The same words typed on two keyboards may come composed or decomposed.
    return unicodedata.normalize("NFC", passphrase)


def _derive(passphrase, kdf):
    algorithm, opslimit, memlimit, salt = kdf.split("$")
    if algorithm != _ALGORITHM:
        raise ValueError(f"unknown key derivation {algorithm}")
    seed = _KDF.kdf(
        PrivateKey.SIZE,
        _normal(passphrase).encode(),
        bytes.fromhex(salt),
        opslimit=int(opslimit),
        memlimit=int(memlimit),
    )
    return PrivateKey(seed)


def new_box(passphrase):
    """(public key, key derivation) for a new ballot box; the passphrase itself is kept nowhere."""
    if len(_normal(passphrase)) < MIN_PASSPHRASE:
        raise DomainError(
            _("The vote-counting passphrase needs at least %(count)d characters.") % {"count": MIN_PASSPHRASE}
        )
    salt = nacl.utils.random(_KDF.SALTBYTES)
    # Stored with the salt, so a later, costlier setting still opens the boxes made before it.
    kdf = f"{_ALGORITHM}${_KDF.OPSLIMIT_MODERATE}${_KDF.MEMLIMIT_MODERATE}${salt.hex()}"
    return bytes(_derive(passphrase, kdf).public_key), kdf


def open_box(passphrase, *, public_key, kdf):
    """The private key of the box, if `passphrase` is the one it was made with."""
    key = _derive(passphrase, kdf)
    if bytes(key.public_key) != bytes(public_key):
        raise DomainError(_("The vote-counting passphrase is wrong: nothing was counted and the vote stays open."))
    return key


def seal(public_key, *, item_id, member_id, agree, written):
    plain = _PLAIN.pack(_VERSION, item_id, member_id, agree, written)
    return SealedBox(PublicKey(bytes(public_key))).encrypt(plain)


def unseal(private_key, sealed):
    """The ballot in `sealed`; raises CryptoError if this key did not seal it."""
    version, item_id, member_id, agree, written = _PLAIN.unpack(SealedBox(private_key).decrypt(bytes(sealed)))
    if version != _VERSION:
        raise nacl.exceptions.CryptoError(f"unknown ballot version {version}")
    return Ballot(item_id, member_id, agree, written)
