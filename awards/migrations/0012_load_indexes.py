"""Indexes the load benchmark's district showed missing (see bench_load and EXPLAIN in the report)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0011_submission_once_and_unique_nominee"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(fields=["passed", "nomination"], name="agenda_item_passed_nomination"),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=models.Index(fields=["status", "submission"], name="nomination_status_submission"),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=models.Index(
                condition=models.Q(("status", "submitted")),
                fields=["submission", "position"],
                name="nomination_waiting_order",
            ),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["submitted_at", "-year", "-created_at"], name="submission_inbox_order"),
        ),
        migrations.AddIndex(
            model_name="yearlyrating",
            index=models.Index(fields=["-year", "-id"], name="rating_newest_first"),
        ),
    ]
