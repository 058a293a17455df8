"""axe-core on the main pages of every role, at desktop and phone width, in English and
Spanish: no serious or critical violation. One browser, one context per role; the counts
per page are written as a table to screenshots/axe-counts.txt (and to the file named by
JUNTOS_AXE_COUNTS, if set), so a closing note can quote them."""

import os

import pytest
from django.urls import reverse

from juntos.governance import services
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.campaigns.conftest import make_campaign
from tests.conftest import PASSWORD, make_personas
from tests.events.conftest import plan
from tests.governance.helpers import meeting

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "host": [
        "web:home",
        "members:directory",
        "members:applications",
        "governance:meetings",
        "communications:notices",
        "campaigns:list",
        "relationships:contacts",
        "events:list",
        "web:audit",
        ("governance:meeting", "meeting"),
        ("events:event", "event"),
        ("campaigns:chart", "campaign"),
    ],
    "rep": [
        "web:home",
        "charter:charter",
        "consent:mine",
        "governance:meetings",
        "communications:statements",
        "events:list",
        ("governance:meeting", "meeting"),
        ("events:event", "event"),
    ],
    "supporter": ["web:home", "charter:charter", "communications:notices", "events:list"],
    None: ["members:apply", "login"],
}
BLOCKING = {"serious", "critical"}


def page_path(name, slug, objects) -> str:
    """A page's address: a list by its name, a detail page as (name, which object)."""
    if name == "login":
        return reverse(name)
    if isinstance(name, tuple):
        name, which = name
        return reverse(name, kwargs={"slug": slug, "pk": objects[which]})
    return reverse(name, args=[slug])


def test_main_pages_have_no_serious_axe_violations(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    personas = make_personas()
    slug = personas.coalition.slug
    # Detail pages with something on them: a meeting with its agenda, an event, a chart.
    m = meeting(personas, days=7, hour=18, minute=0)
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    objects = {
        "meeting": m.pk,
        "event": plan(personas).pk,
        "campaign": make_campaign(personas, playbook="drivers_licenses").pk,
    }
    counts, blocking = [], []
    for role, names in PAGES.items():
        context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
        page = context.new_page()
        if role:
            sign_in(page, getattr(personas, role).email, PASSWORD)
        for language in ("en", "es"):
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            for name in names:
                path = page_path(name, slug, objects)
                for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    page.set_viewport_size(viewport)
                    page.goto(path)
                    assert page.locator("html").get_attribute("lang") == language
                    result = axe.run(page).response
                    assert result["passes"], f"axe did not run on {path}"  # counts mean something
                    violations = result["violations"]
                    if language == "es" and label == "phone":  # the proof, to look at
                        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                        stem = name[0] if isinstance(name, tuple) else name
                        shot = f"es-phone-{role or 'public'}-{stem.replace(':', '-')}.png"
                        page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
                    serious = [v for v in violations if v["impact"] in BLOCKING]
                    # Reflow (WCAG 1.4.10): nothing pushes the page wider than a phone.
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if label == "phone" and width > viewport["width"]:
                        blocking.append(f"{path} [{language} phone] is {width}px wide")
                    counts.append(
                        (role or "public", language, label, path, len(violations), len(serious))
                    )
                    blocking += [
                        f"{path} [{language} {label}] {v['id']}: {v['help']} "
                        f"({', '.join(n['target'][0] for n in v['nodes'][:3])})"
                        for v in serious
                    ]
        context.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    table = counts_table(counts)
    (SCREENSHOTS / "axe-counts.txt").write_text(table, encoding="utf-8")
    if os.environ.get("JUNTOS_AXE_COUNTS"):
        with open(os.environ["JUNTOS_AXE_COUNTS"], "w", encoding="utf-8") as out:
            out.write(table)
    print("\n" + table)
    assert not blocking, "\n".join(sorted(set(blocking)))


def counts_table(rows) -> str:
    """One line per page and width: role, language, width, path, all violations, serious or
    critical; a total line at the end."""
    head = ("role", "lang", "width", "page", "all", "serious+critical")
    lines = [head, *[tuple(str(x) for x in row) for row in rows]]
    lines.append(
        (
            "total",
            "",
            "",
            f"{len(rows)} pages",
            str(sum(r[4] for r in rows)),
            str(sum(r[5] for r in rows)),
        )
    )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )
