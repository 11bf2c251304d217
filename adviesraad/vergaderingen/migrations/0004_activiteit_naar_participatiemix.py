"""The link of a listening delegation to its activity now lives in the participatiemix
(``participatiemix.Meeluistervergadering``); its data migration copied every link first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vergaderingen", "0003_vertrouwelijk"),
        ("participatiemix", "0005_meeluistervergadering_overnemen"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalvergadering", name="activiteit"),
        migrations.RemoveField(model_name="vergadering", name="activiteit"),
    ]
