from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_offer_from_wants_group_track"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="intake",
            name="wants_group_track",
        ),
    ]
