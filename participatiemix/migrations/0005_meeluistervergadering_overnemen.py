"""Copy every meeting's link to its activity (``Vergadering.activiteit``) into
``Meeluistervergadering``, before the meetings app drops the column. The reverse copies back."""

from django.db import migrations


def overnemen(apps, schema_editor):
    Vergadering = apps.get_model("vergaderingen", "Vergadering")
    Meeluistervergadering = apps.get_model("participatiemix", "Meeluistervergadering")
    Meeluistervergadering.objects.bulk_create(
        [
            Meeluistervergadering(vergadering_id=pk, activiteit_id=activiteit_id)
            for pk, activiteit_id in Vergadering.objects.filter(activiteit__isnull=False)
            .order_by("pk")
            .values_list("pk", "activiteit_id")
        ]
    )


def terugzetten(apps, schema_editor):
    Vergadering = apps.get_model("vergaderingen", "Vergadering")
    Meeluistervergadering = apps.get_model("participatiemix", "Meeluistervergadering")
    for vergadering_id, activiteit_id in Meeluistervergadering.objects.values_list(
        "vergadering_id", "activiteit_id"
    ):
        Vergadering.objects.filter(pk=vergadering_id).update(activiteit_id=activiteit_id)
    Meeluistervergadering.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participatiemix", "0004_meeluistervergadering"),
        ("vergaderingen", "0003_vertrouwelijk"),
    ]

    operations = [migrations.RunPython(overnemen, terugzetten)]
