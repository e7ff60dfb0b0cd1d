"""Secret votes sealed to a vote-counting key instead of stored in clear with a server-keyed hash.

Closed sessions keep their tallies (and now the number of written opinions counted); their
anonymous vote rows go. A vote still open with secret items cannot be carried over (the old
rows are readable by whoever holds SECRET_KEY): it goes back to preparation, its secret
ballots dropped, to be opened again with a passphrase.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_clear_secret_votes(apps, schema_editor):
    AgendaItem = apps.get_model("awards", "AgendaItem")
    BallotReceipt = apps.get_model("awards", "BallotReceipt")
    CouncilSession = apps.get_model("awards", "CouncilSession")
    Vote = apps.get_model("awards", "Vote")
    for item in AgendaItem.objects.filter(session__status="closed"):
        counted = item.written_opinions_count
        item.written = Vote.objects.filter(item=item, written=True).count() if counted else 0
        item.save(update_fields=["written"])
    reopened = CouncilSession.objects.filter(status="voting", items__secret=True).distinct()
    BallotReceipt.objects.filter(item__session__in=reopened, item__secret=True).delete()
    reopened.update(status="draft")
    Vote.objects.filter(member__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0012_load_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='written',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='written opinions counted'),
        ),
        migrations.AddField(
            model_name='ballotreceipt',
            name='sealed',
            field=models.BinaryField(null=True),
        ),
        migrations.AddField(
            model_name='councilsession',
            name='ballot_kdf',
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='councilsession',
            name='ballot_key',
            field=models.BinaryField(null=True),
        ),
        migrations.RunPython(drop_clear_secret_votes, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='vote',
            name='vote_member_or_key_not_both',
        ),
        migrations.RemoveField(
            model_name='vote',
            name='key',
        ),
        migrations.AlterField(
            model_name='vote',
            name='member',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='open_votes', to='awards.councilmember'),
        ),
    ]
