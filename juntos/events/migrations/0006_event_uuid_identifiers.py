import uuid

from django.db import migrations, models


def distinct_uuids(apps, schema_editor):
    """Events that existed before get one uuid each, not the one default computed once."""
    Event = apps.get_model("events", "Event")
    for event in Event.objects.only("pk").iterator():
        Event.objects.filter(pk=event.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_postcards_to_own_representative"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, null=True),
        ),
        migrations.RunPython(distinct_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="event",
            name="identifiers",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
