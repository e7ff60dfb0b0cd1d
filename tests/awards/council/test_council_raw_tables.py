"""A secret vote read from the raw tables, as someone with the database and the server's
settings would: every column of the council tables and the audit log, PostgreSQL's system
columns (xmin, ctid), and — with pageinspect — the row versions VACUUM has not removed yet.
Nothing there may tie a vote to a member, while the vote is open nor after it closed."""

import hashlib
from decimal import Decimal

import nacl.exceptions
import pytest
from django.conf import settings
from django.db import connection, transaction
from nacl.public import PrivateKey

from awards.council import ballot_box
from awards.council import services as service
from awards.council.models import AgendaItem, CouncilSession
from tests.awards.council.test_council import make_council, session_with
from tests.awards.world import build_world
from thiduakt.models import AuditLog

PASSPHRASE = "Hòm phiếu kín của Hội đồng 2024"
COUNCIL_TABLES = [
    "awards_council", "awards_councilmember", "awards_councilsession", "awards_agendaitem", "awards_attendance",
    "awards_ballotreceipt", "awards_vote",
]  # fmt: skip
AUDIT_TABLE = AuditLog._meta.db_table
POSTGRES = connection.vendor == "postgresql"
SYSTEM_COLUMNS = "xmin::text::bigint AS xmin, ctid::text AS ctid, " if POSTGRES else ""


def raw(table):
    """Every row of `table` as the database holds it, system columns first on PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SYSTEM_COLUMNS}* FROM {table}")  # noqa: S608 — a fixed table name
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def server_keys(session_kdf):
    """Every private key someone holding the settings and the stored rows could make."""
    secret = settings.SECRET_KEY
    keys = [PrivateKey(hashlib.sha256(secret.encode()).digest())]
    for guess in (secret, "", settings.DATABASES["default"].get("PASSWORD") or "x"):
        keys.append(ballot_box._derive(guess, session_kdf))
    return keys


def assert_sealed_for_nobody_but_the_passphrase(sealed, kdf):
    assert len(sealed) == ballot_box.SEALED_LENGTH
    for key in server_keys(kdf):
        with pytest.raises(nacl.exceptions.CryptoError):
            ballot_box.unseal(key, sealed)
    return ballot_box.unseal(ballot_box._derive(PASSPHRASE, kdf), sealed)


def _vote(world, council, users):
    """Four members present and one absent who sends a written opinion; one vote changed."""
    session, item = session_with(world, council, secret=True, threshold=Decimal("0.5"), denominator="present")
    members = {m.user_id: m for m in council.members.all()}
    service.record_attendance(session, [members[u.pk] for u in users[:4]], actor=world.users.tx_secretariat)
    service.open_voting(session, actor=world.users.tx_secretariat, passphrase=PASSPHRASE)
    choices = [(users[0], True), (users[1], False), (users[2], True), (users[3], True), (users[2], False)]
    for user, agree in choices:
        service.cast_vote(item, user=user, agree=agree)
    service.cast_vote(item, user=users[4], agree=False, written_by=world.users.tx_secretariat)
    return session, item, members


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # real commits: one transaction id a vote
def test_the_raw_tables_tie_no_secret_vote_to_a_member(catalogue):
    world = build_world()
    council, users = make_council(world, 5)
    session, item, members = _vote(world, council, users)
    kdf = CouncilSession.objects.get(pk=session.pk).ballot_kdf

    # While the vote is open: no choice anywhere but sealed in the member's own receipt.
    tables = {table: raw(table) for table in (*COUNCIL_TABLES, AUDIT_TABLE)}
    assert not [v for v in tables["awards_vote"] if v["item_id"] == item.pk], "a secret vote stored as a vote row"
    [agenda_row] = [r for r in tables["awards_agendaitem"] if r["id"] == item.pk]
    assert all(agenda_row[name] is None for name in ("agree", "disagree", "written", "counted_against", "passed"))
    receipts = [r for r in tables["awards_ballotreceipt"] if r["item_id"] == item.pk]
    assert {k for k in receipts[0] if k not in ("xmin", "ctid")} == {"id", "item_id", "member_id", "written", "sealed"}
    assert len(receipts) == 5
    for receipt in receipts:
        ballot = assert_sealed_for_nobody_but_the_passphrase(bytes(receipt["sealed"]), kdf)
        assert (ballot.item_id, ballot.member_id) == (item.pk, receipt["member_id"])
    by_member = {r["member_id"]: r for r in receipts}
    agreeing, disagreeing = by_member[members[users[0].pk].pk], by_member[members[users[1].pk].pk]
    assert {k: v for k, v in agreeing.items() if k not in ("id", "member_id", "sealed", "xmin", "ctid")} == {
        k: v for k, v in disagreeing.items() if k not in ("id", "member_id", "sealed", "xmin", "ctid")
    }, "a receipt column other than the sealed ballot differs with the choice"
    ballots = [e for e in tables[AUDIT_TABLE] if str(e["action"]).startswith("ballot.")]
    assert len(ballots) == 6
    for entry in ballots:
        assert "agree" not in str(entry["data"]) and "true" not in str(entry["data"]).lower()
    if POSTGRES:  # rows written in a vote's transaction: the receipt and the audit entry, nothing else
        vote_xids = {r["xmin"] for r in receipts}
        written_then = {t for t, rows in tables.items() if any(r["xmin"] in vote_xids for r in rows)}
        assert written_then <= {"awards_ballotreceipt", AUDIT_TABLE}, written_then

    closed = service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)

    # After closing: the tallies only, no sealed ballot, no key left to guess against.
    result = AgendaItem.objects.get(pk=item.pk)
    assert (result.agree, result.disagree, result.written, result.counted_against) == (2, 3, 1, 5)
    assert (closed.ballot_key, closed.ballot_kdf) == (None, "")
    assert all(r["sealed"] is None for r in raw("awards_ballotreceipt"))
    assert not [v for v in raw("awards_vote") if v["item_id"] == item.pk]
    if POSTGRES:
        _assert_old_row_versions_hold_nothing_readable(item, kdf, closed_xmin=_xmin("awards_agendaitem", item.pk))


def _xmin(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _pageinspect():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    except Exception as error:  # noqa: BLE001 — any refusal means the extension is not to be had
        pytest.skip(f"pageinspect cannot be created in the test database ({error}): old row versions not read")


def _versions(table):
    """Every row version still in `table`'s pages, dead ones included: (xmin, xmax, {column: raw bytes})."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 ORDER BY attnum", [table]
        )
        names = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        versions, raw_pages = [], []
        for page in range(pages):
            cursor.execute("SELECT get_raw_page(%s, %s)", [table, page])
            raw_pages.append(bytes(cursor.fetchone()[0]))
            cursor.execute(
                "SELECT t_xmin::text::bigint, t_xmax::text::bigint, t_attrs"
                " FROM heap_page_item_attrs(get_raw_page(%s, %s), %s::regclass) WHERE t_attrs IS NOT NULL",
                [table, page, table],
            )
            for xmin, xmax, attrs in cursor.fetchall():
                values = [None if a is None else bytes(a) for a in attrs]
                versions.append((xmin, xmax, dict(zip(names, values, strict=False))))
    return versions, b"".join(raw_pages)


def _varlena(value):
    return value[1:] if value[0] & 1 else value[4:]  # a short (1-byte) or a 4-byte header


def _int(value):
    return int.from_bytes(value, "little")


def _assert_old_row_versions_hold_nothing_readable(item, kdf, *, closed_xmin):
    _pageinspect()
    # Only this item's rows: tests rolled back earlier on this worker leave theirs in the pages too.
    receipts, receipt_pages = _versions("awards_ballotreceipt")
    mine = [attrs for _x, _y, attrs in receipts if _int(attrs["item_id"]) == item.pk]
    sealed = [_varlena(attrs["sealed"]) for attrs in mine if attrs.get("sealed")]
    assert len(sealed) >= 6, "the dead versions of the receipts were read (5 votes, one changed)"
    opened = [assert_sealed_for_nobody_but_the_passphrase(s, kdf) for s in sealed]
    plain = [ballot_box._PLAIN.pack(1, b.item_id, b.member_id, b.agree, b.written) for b in opened]

    votes, vote_pages = _versions("awards_vote")
    assert not [a for _x, _y, a in votes if _int(a["item_id"]) == item.pk], "a dead vote row of the secret item"

    agenda, agenda_pages = _versions("awards_agendaitem")
    mine = [(xmin, attrs) for xmin, _xmax, attrs in agenda if _int(attrs["id"]) == item.pk]
    assert len(mine) >= 2  # the row as put on the agenda, and as counted
    with_tallies = [xmin for xmin, attrs in mine if attrs.get("agree") is not None]
    assert with_tallies == [closed_xmin], "a tally was written before the vote closed"

    pages = [receipt_pages, vote_pages, agenda_pages]
    pages += [_versions(t)[1] for t in ("awards_councilsession", "awards_attendance", AUDIT_TABLE)]
    for text in plain:
        assert not any(text in page for page in pages), "a ballot in clear in a table file"
