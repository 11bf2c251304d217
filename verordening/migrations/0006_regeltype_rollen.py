"""Rule type ``rollen``: a list of roles, for the audiences of reminders (issue 5)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("verordening", "0005_herinneringstermijnen_advies"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalregel",
            name="type",
            field=models.CharField(
                choices=[
                    ("geheel_getal", "geheel getal"),
                    ("decimaal", "decimaal getal"),
                    ("bedrag", "bedrag in euro"),
                    ("percentage", "percentage"),
                    ("fractie", "breuk (bijvoorbeeld 2/3)"),
                    ("dagen", "duur in dagen"),
                    ("weken", "duur in weken"),
                    ("maanden", "duur in maanden"),
                    ("jaren", "duur in jaren"),
                    ("postcodegebieden", "postcodegebieden (reeksen van vier cijfers)"),
                    ("rollen", "lijst van rollen (wie een herinnering krijgt)"),
                ],
                max_length=20,
                verbose_name="soort waarde",
            ),
        ),
        migrations.AlterField(
            model_name="regel",
            name="type",
            field=models.CharField(
                choices=[
                    ("geheel_getal", "geheel getal"),
                    ("decimaal", "decimaal getal"),
                    ("bedrag", "bedrag in euro"),
                    ("percentage", "percentage"),
                    ("fractie", "breuk (bijvoorbeeld 2/3)"),
                    ("dagen", "duur in dagen"),
                    ("weken", "duur in weken"),
                    ("maanden", "duur in maanden"),
                    ("jaren", "duur in jaren"),
                    ("postcodegebieden", "postcodegebieden (reeksen van vier cijfers)"),
                    ("rollen", "lijst van rollen (wie een herinnering krijgt)"),
                ],
                max_length=20,
                verbose_name="soort waarde",
            ),
        ),
    ]
