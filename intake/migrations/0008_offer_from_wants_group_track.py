"""Every intake so far asked for a personal coach, some also for a place in the BLOT."""

from django.db import migrations


def forwards(apps, schema_editor):
    Intake = apps.get_model("intake", "Intake")
    Intake.objects.filter(wants_group_track=True).update(offer="both")
    Intake.objects.filter(wants_group_track=False).update(offer="coach")


def backwards(apps, schema_editor):
    # Before the choice, a BLOT wish was always beside a coach: "blot" and "both" both come back
    # as the BLOT box ticked.
    Intake = apps.get_model("intake", "Intake")
    Intake.objects.filter(offer__in=["blot", "both"]).update(wants_group_track=True)
    Intake.objects.exclude(offer__in=["blot", "both"]).update(wants_group_track=False)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_intake_offer"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
