"""The same relationship twice (the same two contacts, the same kind, either way round) is
refused with a message, not stored twice and not a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from juntos.relationships import services
from juntos.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_duplicate_relationship_is_refused_either_way_round(personas):
    c = personas.coalition

    def add(name):
        return services.contact_add(coalition=c, actor=personas.host, data={"name": name})

    ana, bo = add("Ana"), add("Bo")
    services.relationship_add(
        coalition=c, actor=personas.host, source=ana, target=bo, kind="social"
    )
    with pytest.raises(ValidationError, match="already have this relationship"):
        services.relationship_add(
            coalition=c, actor=personas.host, source=bo, target=ana, kind="social"
        )
    # Another kind between the same two is a different relationship.
    services.relationship_add(
        coalition=c, actor=personas.host, source=ana, target=bo, kind="professional"
    )
    page = personas.client("rep").post(
        reverse("relationships:relationship_add", args=[c.slug, ana.pk]),
        {"direction": "out", "kind": "social", "other": bo.pk, "strength": 2},
    )
    assert page.status_code == 400 and "already have this relationship" in page.content.decode()
    assert Relationship.objects.filter(kind="social").count() == 1
