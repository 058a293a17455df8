"""`juntos generate`: deterministic, bulk, consistent."""

import io

import pytest
from django.core.management import CommandError, call_command

from juntos.accounts.models import User
from juntos.campaigns.models import Campaign
from juntos.charter.models import Coalition
from juntos.events.models import SignIn
from juntos.governance.models import Ballot
from juntos.members.models import Member, Person
from juntos.relationships.models import Relationship
from juntos.scale.generator import SIZES, Generator


def snapshot(slug):
    return (
        list(
            Person.objects.filter(coalition__slug=slug)
            .order_by("id")
            .values_list("full_name", "role")
        ),
        list(
            Relationship.objects.filter(coalition__slug=slug)
            .order_by("id")
            .values_list("kind", "strength")
        ),
        list(
            SignIn.objects.filter(event__coalition__slug=slug)
            .order_by("id")
            .values_list("name", "signed_at")
        ),
    )


def test_small_fills_every_app_with_the_promised_counts(db):
    counts = Generator("small", seed=3, progress=None).run()
    size = SIZES["small"]
    assert Member.objects.count() == size.organizations + size.individuals
    assert Person.objects.count() == size.people
    assert Relationship.objects.count() == size.relationships
    assert SignIn.objects.count() == size.signins
    assert Ballot.objects.exists()
    assert counts["communications.Delivery"] == size.deliveries


def test_the_same_seed_gives_the_same_rows(db):
    Generator("small", seed=5, progress=None).run()
    first = snapshot("mo")
    Campaign.objects.all().delete()  # campaigns protect their teams
    Coalition.objects.all().delete()
    User.objects.all().delete()
    Generator("small", seed=5, progress=None).run()
    second = snapshot("mo")
    assert first[0]
    assert first == second


def test_command_reports_progress_and_refuses_to_run_twice(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate", "--size", "small", "--seed", "1", stdout=out, stderr=err)
    assert "rows in" in out.getvalue()
    assert "people" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("generate", "--size", "small", stdout=out, stderr=err)
