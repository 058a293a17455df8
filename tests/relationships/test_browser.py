"""In Chromium, on a phone: a representative finds a messenger to a state senator and
follows the chain; screenshots of the relationship map, the power grid and the pipeline."""

from datetime import date

import pytest

from juntos.relationships import services
from juntos.relationships.models import Contact
from tests.browser.conftest import DESKTOP, PHONE, sign_in  # noqa: F401
from tests.conftest import PASSWORD, make_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_map():
    p = make_personas()
    c, host = p.coalition, p.host

    def add(name, **kw):
        return services.contact_add(coalition=c, actor=host, data={"name": name, **kw})

    def rel(a, b, kind, strength, role=""):
        services.relationship_add(
            coalition=c, actor=host, source=a, target=b, kind=kind, strength=strength, role=role
        )

    casa = add("Casa Test", kind="organization", category="community", member=p.member)
    labor = add("Labor Test", kind="organization", category="labor", member=p.other_member)
    ana = add("Ana Ruiz", category="business", title="Owner, Ruiz Bakery")
    chamber = add("Springfield Area Chamber of Commerce", kind="organization", category="business")
    bo = add("Bo Chen", category="business", title="VP Government Relations")
    staff = add("Dee Park", category="staff", title="Chief of staff")
    senator = add(
        "Sen. Maria Vega",
        category="decision_maker",
        level="state",
        chamber="upper",
        state="MO",
        district="7",
        interests=["business", "agriculture"],
    )
    pastor = add("Rev. Tom Hale", category="faith")
    rel(ana, casa, "board_member", 4, "board chair")
    rel(ana, chamber, "board_member", 4)
    rel(bo, chamber, "works_for", 4, "government-relations vice president")
    rel(bo, senator, "professional", 3, "meets the chief of staff monthly")
    rel(staff, senator, "works_for", 5, "chief of staff")
    rel(bo, staff, "professional", 3, "monthly meeting")
    rel(pastor, labor, "member_of", 3)
    rel(pastor, senator, "social", 2, "same congregation")

    for contact, moves in (
        (senator, [(4, -1, date(2025, 1, 15)), (4, 0, date(2025, 4, 1))]),
        (chamber, [(3, 1, date(2025, 2, 1))]),
        (add("Sheriff Dale Ross", category="law_enforcement"), [(3, -2, date(2025, 2, 1))]),
        (pastor, [(2, 2, date(2025, 2, 1))]),
        (casa, [(1, 2, date(2025, 2, 1))]),
    ):
        for power, stance, on in moves:
            services.power_place(
                coalition=c, actor=host, contact=contact, power=power, stance=stance, placed_on=on
            )
    for name, stage in (
        (chamber, 6),
        (add("Homebuilders Association", kind="organization", category="business"), 2),
        (add("Farm Bureau County Office", kind="organization", category="business"), 4),
    ):
        entry = services.pipeline_start(coalition=c, actor=host, organization=name)
        services.pipeline_update(
            entry=entry, actor=host, stage=stage, notes={"2": "Needs workers", "3": "A meeting"}
        )
    return p, senator


def test_find_a_messenger_to_a_state_senator_and_follow_the_chain(page_for, shot):
    p, senator = build_map()
    slug = p.coalition.slug
    page = page_for(viewport=PHONE)
    sign_in(page, "rep@test.example", PASSWORD)

    page.goto(f"/c/{slug}/relationships/?state=MO&chamber=upper")
    assert page.locator("table.stack").get_by_text("Sen. Maria Vega").is_visible()
    page.click("text=Find a messenger")
    page.select_option("#id_target", str(senator.pk))
    page.click("button.primary")
    page.wait_for_selector("#results")
    chains = page.locator("details.chain")
    assert chains.count() == 2
    # Shortest first: the labor member's pastor (2 steps), then the business chain (4).
    first = chains.nth(0)
    assert "Labor Test" in first.locator("summary").inner_text()
    second = chains.nth(1)
    assert "4 steps" in second.locator("summary").inner_text()
    second.locator("summary").click()
    words = "Bo Chen works with Sen. Maria Vega (meets the chief of staff monthly)"
    assert second.get_by_text(words).first.is_visible()
    shot(page, "relationships-messengers-phone")

    # Follow the chain to the person who carries the message.
    second.locator("ol.chain").get_by_role("link", name="Bo Chen").first.click()
    page.wait_for_selector("svg.relmap")
    assert page.locator("h1").inner_text().startswith("Bo Chen")
    assert page.locator("svg.relmap").get_by_text("Sen. Maria Vega").count() >= 1
    shot(page, "relationships-map-phone")

    page.goto(f"/c/{slug}/relationships/power/")
    page.wait_for_selector("svg.powergrid")
    shot(page, "relationships-power-phone")
    page.goto(f"/c/{slug}/relationships/pipeline/")
    column = page.locator("section.column", has=page.locator("#step-6"))
    assert column.get_by_text("Springfield Area Chamber of Commerce").is_visible()
    shot(page, "relationships-pipeline-phone")

    # A one-to-one and a step on the ladder, through the forms.
    supporter = p.supporter.people.get()
    page.goto(f"/c/{slug}/relationships/one-to-ones/")
    page.click("details.card > summary")
    page.select_option("#id_person", str(supporter.pk))
    page.fill("#id_met_on", "2025-03-03")
    page.fill("#id_cares_about", "Her daughter's bus route to the community college.")
    page.fill("#id_follow_up", "Invite her to the transit listening session.")
    page.click("details.card button.primary")
    assert page.locator("table.stack").get_by_text("bus route").is_visible()
    page.goto(f"/c/{slug}/relationships/leaders/")
    page.click("details.card > summary")
    page.select_option("#id_person", str(supporter.pk))
    page.select_option("#id_level", "volunteer")
    page.fill("#id_on", "2025-03-10")
    page.click("details.card button.primary")
    row = page.locator("#leaders tbody tr").first
    assert "Sol Supporter" in row.inner_text() and "bus route" in row.inner_text()
    shot(page, "relationships-leaders-phone")

    desktop = page_for(viewport=DESKTOP)
    sign_in(desktop, "rep@test.example", PASSWORD)
    desktop.goto(f"/c/{slug}/relationships/contacts/{senator.pk}/")
    shot(desktop, "relationships-map-desktop")
    desktop.goto(f"/c/{slug}/relationships/power/")
    shot(desktop, "relationships-power-desktop")
    desktop.goto(f"/c/{slug}/relationships/pipeline/")
    shot(desktop, "relationships-pipeline-desktop")
    assert Contact.objects.filter(coalition=p.coalition).count() >= 10


def test_core_team_writes_the_introduction_letter_and_merges_it(page_for, shot):
    p = make_personas()
    slug = p.coalition.slug
    add = services.contact_add
    chamber = add(
        coalition=p.coalition,
        actor=p.host,
        data={
            "name": "Lee Ortiz",
            "title": "President",
            "organization_name": "Springfield Area Chamber of Commerce",
            "state": "MO",
            "email": "lee@chamber.example",
        },
    )
    builders = add(
        coalition=p.coalition,
        actor=p.host,
        data={"name": "Kim Diaz", "organization_name": "Homebuilders Association", "state": "MO"},
    )
    page = page_for(viewport=PHONE)
    sign_in(page, "core@test.example", PASSWORD)
    page.goto(f"/c/{slug}/relationships/letters/")
    # Cora reads Spanish: the page is in her language, so links are found by address.
    assert page.locator("html").get_attribute("lang") == "es"
    page.click(f"a[href='/c/{slug}/relationships/letters/add/']")
    assert "{{ recipient_name }}" in page.input_value("#id_body")
    page.click("button.primary")
    page.wait_for_url(f"**/c/{slug}/relationships/letters/")
    page.click("a[href$='/merge/']")
    page.check(f"input[name=recipients][value='{chamber.pk}']")
    page.check(f"input[name=recipients][value='{builders.pk}']")
    page.click("button.primary")
    missing = page.locator("#missing")
    assert missing.is_visible()
    assert "Kim Diaz" in missing.inner_text() and missing.locator("li").count() == 2
    shot(page, "relationships-letters-refused-phone")

    assert "Lee Ortiz" in missing.inner_text()  # Cora has no title yet: both refused
    page.uncheck(f"input[name=recipients][value='{builders.pk}']")
    page.fill("#id_sender_title", "Coordinadora")
    with page.expect_download() as info:
        page.click("button.primary")
    assert info.value.suggested_filename == "letters.zip"
