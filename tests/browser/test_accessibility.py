"""axe-core on the main pages of every role, at desktop and phone width, in English and
Spanish: no serious or critical violation. One browser, one context per role; the counts
per page are written to screenshots/axe-counts.txt."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.conftest import PASSWORD, make_personas

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
    ],
    "rep": ["web:home", "charter:charter", "consent:mine"],
    "supporter": ["web:home"],
    None: ["members:apply", "login"],
}
BLOCKING = {"serious", "critical"}


def test_main_pages_have_no_serious_axe_violations(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    personas = make_personas()
    slug = personas.coalition.slug
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
                path = reverse(name) if name == "login" else reverse(name, args=[slug])
                for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    page.set_viewport_size(viewport)
                    page.goto(path)
                    assert page.locator("html").get_attribute("lang") == language
                    violations = axe.run(page).response["violations"]
                    if language == "es" and label == "phone":  # the proof, to look at
                        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                        name = f"es-phone-{role or 'public'}-{name.replace(':', '-')}.png"
                        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
                    serious = [v for v in violations if v["impact"] in BLOCKING]
                    counts.append(
                        f"{role or 'public'} {language} {label} {path}: "
                        f"{len(violations)} violations, {len(serious)} serious or critical"
                    )
                    blocking += [
                        f"{path} [{language} {label}] {v['id']}: {v['help']} "
                        f"({', '.join(n['target'][0] for n in v['nodes'][:3])})"
                        for v in serious
                    ]
        context.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "axe-counts.txt").write_text("\n".join(counts) + "\n", encoding="utf-8")
    assert not blocking, "\n".join(sorted(set(blocking)))
