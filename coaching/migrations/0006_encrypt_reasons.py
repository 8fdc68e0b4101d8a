"""Encrypt the reasons given in the match and trajectory history at rest: choosing another coach,
declining, the match events' notes, ending a trajectory, moving or cancelling an appointment. The
columns become text, then every existing row is encrypted; the reverse decrypts first."""

from django.db import migrations

import bestuurderspool.crypto
from bestuurderspool.crypto import encrypting_columns

COLUMNS = {
    "coaching_match": ["override_reason", "decline_reason"],
    "coaching_matchevent": ["note"],
    "coaching_trajectory": ["end_reason"],
    "coaching_appointmentchange": ["reason"],
}



def _reason(**kwargs):
    return bestuurderspool.crypto.EncryptedTextField(blank=True, max_length=200, **kwargs)


class Migration(migrations.Migration):
    dependencies = [("coaching", "0005_matching_weights_validators")]

    operations = [
        migrations.AlterField(model_name="match", name="override_reason", field=_reason(verbose_name="reason")),
        migrations.AlterField(model_name="match", name="decline_reason", field=_reason(verbose_name="reason")),
        migrations.AlterField(model_name="matchevent", name="note", field=_reason()),
        migrations.AlterField(model_name="trajectory", name="end_reason", field=_reason(verbose_name="reason")),
        migrations.AlterField(model_name="appointmentchange", name="reason", field=_reason(verbose_name="reason")),
        encrypting_columns(COLUMNS),
    ]
