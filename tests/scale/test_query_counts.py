"""The most used pages make as many queries with more data as with less: a page that
loops over rows with a query each (N+1) fails here. The data is `juntos generate --size
small`, then `juntos.scale.grow` adds members, people, attendance, ballots, sign-ins,
relationships, notices and campaign rows to the same coalition."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from juntos.scale.generator import Generator
from juntos.scale.grow import grow
from juntos.scale.pages import host_user, most_used_pages

SLUG = "mo"


def count_queries(client, pages) -> dict[str, int]:
    counts = {}
    for page in pages:
        client.get(page.url)  # the first request may fill caches (charter, translations)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url)
        assert response.status_code == 200, (page.key, response.status_code)
        counts[page.key] = len(ctx)
    return counts


@pytest.fixture
def generated(db):
    Generator("small", seed=1, progress=None).run()
    client = Client()
    client.force_login(host_user(SLUG))
    return client


def test_every_page_is_listed_and_loads(generated):
    pages = most_used_pages(SLUG)
    assert len(pages) == 12
    count_queries(generated, pages)


@pytest.mark.usefixtures("rendered_every_time")
def test_queries_per_page_do_not_grow_with_the_data(generated):
    before = count_queries(generated, most_used_pages(SLUG))
    grow(SLUG, n=30)
    # The same objects when possible; the busiest ones after growing otherwise.
    after = count_queries(generated, most_used_pages(SLUG))
    assert after == before


def test_member_directory_paginates(generated):
    grow(SLUG, n=60)
    response = generated.get(most_used_pages(SLUG)[1].url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.count > 50
    second = generated.get(most_used_pages(SLUG)[1].url + "?page=2")
    assert {r.member.pk for r in second.context["rows"]}.isdisjoint(
        {r.member.pk for r in response.context["rows"]}
    )


def test_directory_search_finds_by_name(generated):
    grow(SLUG, n=5)
    response = generated.get(most_used_pages(SLUG)[1].url + "?q=grown org 3")
    assert [r.member.name for r in response.context["rows"]] == ["Grown Org 3"]


def test_home_lists_a_bounded_number_of_supporter_names(generated):
    grow(SLUG, n=30)  # 150 more supporters
    response = generated.get(most_used_pages(SLUG)[0].url)
    network = next(g for g in response.context["structure"] if g.key == "supporter_network")
    assert len(network.names) == 60
    assert network.count == len(network.names) + network.more
