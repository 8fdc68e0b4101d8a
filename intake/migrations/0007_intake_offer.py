from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0006_wants_group_track"),
    ]

    operations = [
        migrations.AddField(
            model_name="intake",
            name="offer",
            field=models.CharField(
                blank=True,
                choices=[("coach", "A personal coach"), ("blot", "A place in the BLOT"), ("both", "Both")],
                max_length=10,
                verbose_name="what would you like?",
            ),
        ),
    ]
