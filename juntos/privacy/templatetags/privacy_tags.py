from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def label(mapping, key):
    """`labels.roles|label:value`: the translated label of a stored kind."""
    if not mapping:
        return key
    return mapping.get(key, key)


@register.inclusion_tag("privacy/_my_data_links.html")
def my_data_links(user):
    """Links to 'My data' in each coalition where the login has a role (profile page)."""
    from juntos.members.models import Person

    people = (
        Person.objects.filter(user=user).exclude(role="").select_related("coalition")
        if user.is_authenticated
        else []
    )
    return {
        "links": [
            (p.coalition.name, reverse("privacy:mine", kwargs={"slug": p.coalition.slug}))
            for p in people
        ]
    }
