"""The person pickers: a select (checkboxes, to choose several) while the coalition's people
are few, a box that suggests names as you type past that (core.forms.LargeModelChoiceField
and SearchInput, as for contacts), fed by members:person_pick (people_matching: only
people the viewer may see)."""

from urllib.parse import urlencode

from django.urls import reverse

from juntos.core.forms import LargeModelChoiceField, LargeModelMultipleChoiceField


def person_pick_url(coalition, among: str = "") -> str:
    url = reverse("members:person_pick", args=[coalition.slug])
    return f"{url}?{urlencode({'among': among})}" if among else url


class PersonLabels:
    """People labelled with their organization; suggestions from members:person_pick."""

    label_fields = ("full_name", "member__name")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("name_field", "full_name")
        super().__init__(*args, **kwargs)

    def label_from_values(self, values) -> str:
        name, organization = values
        return f"{name} ({organization})" if organization else str(name)

    def pick_from(self, coalition, among: str = "") -> None:
        """Suggest names as the person types, once the people are too many for a list."""
        self.searchable(person_pick_url(coalition, among))


class PersonChoiceField(PersonLabels, LargeModelChoiceField):
    """A person of the coalition."""


class PeopleChoiceField(PersonLabels, LargeModelMultipleChoiceField):
    """Several people of the coalition: checkboxes while few, chips chosen by name past 300."""
