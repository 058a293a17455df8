from django.core.management import call_command

from juntos.charter.models import Coalition
from juntos.members.models import Application, Member


def test_demo_loads_both_coalitions_once_with_every_part_filled(db, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "host@juntos.example" in out and "juntos-demo-2026" in out
    mo = Coalition.objects.get(slug="mo-immigration")
    assert Member.objects.filter(coalition=mo).count() == 12
    assert Application.objects.filter(coalition=mo, status="submitted").count() == 2
    assert mo.meetings.exists() and mo.events.exists() and mo.campaigns.exists()
    assert Coalition.objects.filter(slug="kc-welcoming").exists()
    call_command("demo", "--no-serve")  # a second start keeps the data as it is
    assert "already loaded" in capsys.readouterr().out
    assert Member.objects.filter(coalition=mo).count() == 12
