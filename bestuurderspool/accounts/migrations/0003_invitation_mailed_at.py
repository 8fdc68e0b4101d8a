from django.db import migrations, models
from django.db.models import F


def mark_earlier_invitations_mailed(apps, schema_editor):
    """Invitations made before the mark existed were mailed (or their loss was not recorded):
    the sweep must not mail them all again."""
    apps.get_model("accounts", "Invitation").objects.update(mailed_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_sponsor_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="mailed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_earlier_invitations_mailed, migrations.RunPython.noop),
    ]
