"""Bind every existing e-mail device to the account address it was used with (issue 10).

Until now a device without its own ``email`` sent the code to ``user.email``, so a changed account
address moved the second factor along. From now on the code only goes to ``EmailDevice.email``;
this fills it in once, with the address the device has been delivering to so far.
"""

from django.db import migrations
from django.db.models import OuterRef, Q, Subquery


def bind(apps, schema_editor):
    EmailDevice = apps.get_model("otp_email", "EmailDevice")
    User = apps.get_model("accounts", "User")
    email = User.objects.filter(pk=OuterRef("user_id")).values("email")[:1]
    EmailDevice.objects.filter(Q(email__isnull=True) | Q(email="")).update(email=Subquery(email))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("otp_email", "0006_add_timestamps"),
    ]

    operations = [migrations.RunPython(bind, migrations.RunPython.noop)]
