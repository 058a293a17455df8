from juntos.consent.services import consent_set
from juntos.members.models import Person


def person(personas, who: str) -> Person:
    return Person.objects.get(coalition=personas.coalition, user=getattr(personas, who))


def share_contacts(personas, who: str):
    p = person(personas, who)
    consent_set(
        coalition=personas.coalition,
        kind="contact_sharing",
        granted=True,
        actor=getattr(personas, who),
        person=p,
    )
    return p
