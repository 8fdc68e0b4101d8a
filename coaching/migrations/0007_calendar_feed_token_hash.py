"""Calendar feed addresses no longer stored as they are: a keyed hash to find the feed and an
encrypted copy to show the address again. Existing addresses keep working."""

from django.db import migrations, models

import bestuurderspool.crypto
from bestuurderspool.crypto import decrypt, encrypt, fire_deferred_checks, keyed_hash


def hash_and_encrypt(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, token FROM coaching_calendarfeed")
        for pk, token in cursor.fetchall():
            cursor.execute(
                "UPDATE coaching_calendarfeed SET token_hash = %s, token_secret = %s WHERE id = %s",
                [keyed_hash(token, purpose="calendar_feed"), encrypt(token), pk],
            )
    fire_deferred_checks(schema_editor)


def restore_tokens(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, token_secret FROM coaching_calendarfeed")
        for pk, secret in cursor.fetchall():
            cursor.execute("UPDATE coaching_calendarfeed SET token = %s WHERE id = %s", [decrypt(secret), pk])
    fire_deferred_checks(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("coaching", "0006_encrypt_reasons")]

    operations = [
        migrations.AddField(
            model_name="calendarfeed", name="token_hash", field=models.CharField(max_length=64, null=True)
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="token_secret",
            field=bestuurderspool.crypto.EncryptedTextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="calendarfeed", name="token", field=models.CharField(max_length=64, null=True)
        ),
        migrations.RunPython(hash_and_encrypt, restore_tokens),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.AlterField(
            model_name="calendarfeed", name="token_hash", field=models.CharField(max_length=64, unique=True)
        ),
    ]
