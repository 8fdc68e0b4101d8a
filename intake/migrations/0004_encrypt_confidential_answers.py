"""Encrypt the intake's confidential answers at rest: the coaching question, earlier roles, local
party and political wish, the coordinators' conversation notes, and the wish adjustments (values
and reason). The columns become text, then every existing row is encrypted; the reverse decrypts
first and then gives the columns their old types back."""

from django.db import migrations

import bestuurderspool.crypto
from bestuurderspool.crypto import encrypting_columns

COLUMNS = {
    "intake_intake": ["question", "local_party", "earlier_roles", "wish_political"],
    "intake_intakeconversation": ["notes"],
    "intake_wishadjustment": ["reason", "old_value", "new_value"],
}



class Migration(migrations.Migration):
    dependencies = [("intake", "0003_phone_format")]

    operations = [
        migrations.AlterField(
            model_name="intake",
            name="question",
            field=bestuurderspool.crypto.EncryptedTextField(blank=True, verbose_name="your question in your own words"),
        ),
        migrations.AlterField(
            model_name="intake",
            name="local_party",
            field=bestuurderspool.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="local party"),
        ),
        migrations.AlterField(
            model_name="intake",
            name="earlier_roles",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True, verbose_name="earlier roles in public administration"
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="wish_political",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True,
                choices=[("same_party", "Same party"), ("other_party", "Another party")],
                verbose_name="political affinity",
            ),
        ),
        migrations.AlterField(
            model_name="intakeconversation",
            name="notes",
            field=bestuurderspool.crypto.EncryptedTextField(blank=True, verbose_name="notes (coordinators only)"),
        ),
        migrations.AlterField(
            model_name="wishadjustment",
            name="reason",
            field=bestuurderspool.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="wishadjustment",
            name="old_value",
            field=bestuurderspool.crypto.EncryptedJSONField(null=True),
        ),
        migrations.AlterField(
            model_name="wishadjustment",
            name="new_value",
            field=bestuurderspool.crypto.EncryptedJSONField(null=True),
        ),
        encrypting_columns(COLUMNS),
    ]
