"""Encrypt the self-reflection at rest (text columns, then every existing row; the reverse
decrypts first)."""

import bestuurderspool.crypto
from django.db import migrations

from bestuurderspool.crypto import encrypting_columns


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0004_encrypt_confidential_answers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="intake",
            name="hardest_role",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True,
                choices=[
                    ("autonomous", "Autonomous role (e.g. passports, public order)"),
                    ("directing", "Directing role, regie (e.g. allocating care under the WMO)"),
                    ("supporting", "Supporting role (e.g. subsidies for associations)"),
                    ("symbolic", "Symbolic role (e.g. celebrations, personal attention)"),
                    ("partner", "Partner role (equal partnership with citizens and partners)"),
                ],
                verbose_name="the municipal role you find hardest",
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="partner_dialogue",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True, choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="partner_feedback",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True, choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="partner_frameworks",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True, choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="partner_process",
            field=bestuurderspool.crypto.EncryptedTextField(
                blank=True, choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
            ),
        ),
        encrypting_columns(
            {
                "intake_intake": [
                    "hardest_role",
                    "partner_frameworks",
                    "partner_process",
                    "partner_dialogue",
                    "partner_feedback",
                ]
            }
        ),
    ]
