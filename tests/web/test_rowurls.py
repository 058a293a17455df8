"""`{% row_url %}` reverses once and fills in each row's id: the same URL as `{% url %}`."""

from django.template import Context, Template
from django.urls import reverse
from django.urls.base import set_script_prefix

from juntos.web.templatetags.rowurls import row_url


def test_row_urls_are_the_urls_reverse_gives():
    for pk in (1, 7, 42, 2147483646, 10**12):
        assert row_url("members:detail", "mo", pk) == reverse("members:detail", args=["mo", pk])
        assert row_url("events:signin_credit", "ks", 12, pk) == reverse(
            "events:signin_credit", args=["ks", 12, pk]
        )
    assert row_url("members:detail", "ks", 3) == reverse("members:detail", args=["ks", 3])


def test_row_urls_follow_the_script_prefix():
    try:
        set_script_prefix("/juntos/")
        assert row_url("members:detail", "mo", 5) == reverse("members:detail", args=["mo", 5])
        assert row_url("members:detail", "mo", 5).startswith("/juntos/")
    finally:
        set_script_prefix("/")


def test_the_tag_in_a_template():
    html = Template("{% load rowurls %}{% row_url 'members:detail' slug pk %}").render(
        Context({"slug": "mo", "pk": 9})
    )
    assert html == reverse("members:detail", args=["mo", 9])
