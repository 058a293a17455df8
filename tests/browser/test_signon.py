"""A host requests sign-on; two organizations opt in through their email links, one opts
out, one stays silent; the published statement lists exactly the two."""

import pytest
from django.core import mail

from juntos.members import services as members
from tests.browser.conftest import PHONE, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def link_for(email, choice):
    message = next(m for m in mail.outbox if m.to == [email])
    words = [w for w in message.body.split() if "/signon/" in w]
    url = words[0] if choice == "in" else words[1]
    return url[url.index("/signon/") :]


def test_sign_on_through_email_links_and_the_published_statement(page_for, shot):
    personas = make_personas()
    members.member_add(
        coalition=personas.coalition,
        actor=personas.host,
        data={"kind": "organization", "name": "Quiet Org", "sectors": ["healthcare"]},
        representative={"full_name": "Quinn Quiet", "email": "quiet@test.example"},
    )
    slug = personas.coalition.slug
    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)
    host.goto(f"/c/{slug}/statements/")
    host.click("text=Draft a statement")
    host.fill("#id_title_en", "Driver's licenses for all Missourians")
    host.fill(
        "#id_body_en",
        "We, the undersigned, support driver's licenses for every "
        "resident of Missouri, whatever their status.",
    )
    host.click("text=Save draft")
    host.click("text=Request sign-on")
    assert "4 not answered" in host.content()

    for email, choice in (
        ("rep@test.example", "in"),
        ("other@test.example", "in"),
        ("core@test.example", "out"),
    ):
        guest = page_for(viewport=PHONE)
        guest.goto(link_for(email, choice))
        guest.click("button.primary")
        assert "answer is recorded" in guest.content() or "respuesta" in guest.content()
        if email == "rep@test.example":
            shot(guest, "signon-answered-phone")

    host.reload()
    assert "2 opted in" in host.content() and "1 opted out" in host.content()
    assert "1 not answered" in host.content()
    shot(host, "signon-dashboard")
    # One member has not answered and the window is open: publishing early takes a reason.
    host.fill("#publish-reason", "The press conference is at noon")
    host.click("text=Publish early with the members who opted in")
    host.click("text=Public page")
    signers = host.locator("#signers").inner_text()
    assert "Casa Test" in signers and "Labor Test" in signers
    assert "Core Org" not in signers and "Quiet Org" not in signers
    public_url = host.url
    anonymous = page_for(viewport=PHONE)
    anonymous.goto(public_url)
    assert anonymous.locator("#signers li").count() == 2
    shot(anonymous, "statement-public-phone")
