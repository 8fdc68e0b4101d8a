from django.db import migrations


def load(apps, schema_editor):
    from bestuurderspool.municipalities.services import load_reference_data

    names = ("Municipality", "MunicipalityName", "Party", "Province")
    load_reference_data(models=[apps.get_model("municipalities", name) for name in names])


def unload(apps, schema_editor):
    for name in ("MunicipalityName", "Municipality", "Province", "Party"):
        apps.get_model("municipalities", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
