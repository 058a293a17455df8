"""Erasing a person from one coalition leaves their login to the other coalitions they
belong to: the login's email and name were scrubbed as 'text that identifies them', so
they could no longer sign in there, and a second such erasure broke the unique email."""

from django.urls import reverse

from juntos.accounts.models import User
from juntos.members import services as members
from juntos.members.models import Person
from tests.conftest import PASSWORD
from tests.privacy.helpers import person


def test_login_kept_for_another_coalition_keeps_its_email_and_name(personas):
    for who in ("rep", "supporter"):
        user = getattr(personas, who)
        members.person_add(
            coalition=personas.other_coalition,
            actor=personas.outsider,
            full_name=user.full_name,
            email=user.email,
            role="supporter",
            user=user,
        )
    host = personas.client("host")
    for who in ("rep", "supporter"):
        url = reverse("privacy:erase", args=[personas.coalition.slug, person(personas, who).pk])
        assert host.post(url, {"confirm": "on"}).status_code == 302

    for who, email, name in (
        ("rep", "rep@test.example", "Rene Rep"),
        ("supporter", "supporter@test.example", "Sol Supporter"),
    ):
        user = User.objects.get(pk=getattr(personas, who).pk)
        assert (user.email, user.full_name, user.is_active) == (email, name, True)
        assert Person.objects.get(coalition=personas.other_coalition, user=user).full_name == name
        assert not Person.objects.filter(coalition=personas.coalition, user=user).exists()
        assert User.objects.get(email=email).check_password(PASSWORD)  # can still sign in
        client = personas.client(None)
        client.force_login(user)
        page = client.get(reverse("web:home", args=[personas.other_coalition.slug]))
        assert page.status_code == 200
