"""A second motion on a subject already decided closes with an "already decided" outcome
(it used to raise a 500 on every close and keep the minutes from being published)."""

from django.urls import reverse

from juntos.governance import phrases, services
from juntos.governance.models import Motion
from juntos.members.models import Member
from tests.governance.helpers import all_present, application, meeting


def test_second_admission_of_the_same_application_closes_as_already_decided(personas):
    m = meeting(personas)
    all_present(personas, m)
    app = application(personas)
    first, second = (
        services.motion_open(
            meeting=m, actor=personas.host, kind="admit_member", text=t, subject_application=app
        )
        for t in ("Admit", "Admit again")
    )
    for motion in (first, second):
        for member in Member.objects.filter(coalition=personas.coalition, status="active"):
            services.ballot_cast(motion=motion, member=member, choice="yes", actor=None)
    assert services.motion_close(motion=first, actor=personas.host).result == "passed"
    url = reverse("governance:motion_close", args=[personas.coalition.slug, m.pk, second.pk])
    response = personas.client("host").post(url)
    assert response.status_code in (200, 302)
    second.refresh_from_db()
    assert second.status == Motion.Status.CLOSED
    assert phrases.motion_outcome(second).startswith("Already decided")
    assert Member.objects.filter(name="Nueva Org").count() == 1


def test_second_removal_of_the_same_member_closes_as_already_decided(personas):
    m = meeting(personas)
    all_present(personas, m)
    target = personas.other_member
    motions = [
        services.motion_open(
            meeting=m, actor=personas.host, kind="remove_member", text=t, subject_member=target
        )
        for t in ("Remove", "Remove again")
    ]
    for motion in motions:
        for member in Member.objects.filter(coalition=personas.coalition).exclude(pk=target.pk):
            services.ballot_cast(motion=motion, member=member, choice="yes", actor=None)
    services.motion_close(motion=motions[0], actor=personas.host)
    second = services.motion_close(motion=motions[1], actor=personas.host)
    assert second.status == Motion.Status.CLOSED and phrases.motion_outcome(second).startswith(
        "Already decided"
    )
