"""The seven state and local campaign types of seed 002, written in the coalition's own
words: what each wins and why, who tends to stand with it and against it, the decision
makers it usually moves, and tactics that have worked. Starting a campaign from one
pre-fills its strategy chart; the team then makes it theirs."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from juntos.campaigns.models import Playbook
from juntos.campaigns.rules import Rung


@dataclass(frozen=True)
class PlaybookText:
    key: str
    issue: str
    case: str  # benefits and arguments
    allies: list = field(default_factory=list)  # (name, outreach plan)
    unlikely: list = field(default_factory=list)  # (name, outreach plan)
    opponents: list = field(default_factory=list)  # (name, capacity)
    targets: list = field(default_factory=list)  # (level, name, title)
    tactics: list = field(default_factory=list)  # (rung, idea)
    messaging: str = ""


FAITH = (_("Faith congregations"), _("An interfaith team: clergy sign-on letter and speakers."))
IMMIGRANT = (
    _("Immigrant-led organizations"),
    _("Plan the strategy with the people most affected; they decide the ask."),
)

PLAYBOOKS = {
    Playbook.DRIVERS_LICENSES: PlaybookText(
        key=Playbook.DRIVERS_LICENSES,
        issue=_("Driver's licenses for every resident, whatever their status"),
        case=_(
            "Every driver on the road trained, tested and insured.\n"
            "Safer roads: fewer crashes and more lives saved when everyone knows the rules.\n"
            "A valid identification for people who today have none.\n"
            "More trust: people report crimes when a traffic stop is not a trap.\n"
            "Revenue for the state and fewer uninsured losses.\n"
            "Restrictions cost the community: impounds and arrests, more profiling, police "
            "time spent on immigration instead of safety, and they do not fix federal law."
        ),
        allies=[IMMIGRANT, FAITH, (_("Civil rights organizations"), _("Profiling data."))],
        unlikely=[
            (_("Insurance agents and companies"), _("More insured drivers; ask for a letter.")),
            (_("Police chiefs and sheriffs"), _("Public safety: a licensed driver is known.")),
        ],
        opponents=[(_("Restrictionist groups"), _("Out-of-state money and talking points."))],
        targets=[
            ("primary", _("State legislature: transportation committee chair"), ""),
            ("secondary", _("Governor"), _("Signs or vetoes")),
        ],
        tactics=[
            (Rung.MEETING, _("Meet the committee chair with drivers who have been stopped.")),
            (Rung.LETTERS, _("Op-ed on road safety by a faith leader and an insurer.")),
            (Rung.RALLY, _("Day at the capitol when the bill is heard.")),
        ],
        messaging=_("Safer roads for everyone: every driver trained, tested and insured."),
    ),
    Playbook.RACIAL_PROFILING: PlaybookText(
        key=Playbook.RACIAL_PROFILING,
        issue=_("Preventing racial profiling by police"),
        case=_(
            "Define racial profiling clearly and prohibit it at every level of policing.\n"
            "Collect traffic-stop data so the community has numbers, not only stories.\n"
            "Public records of the grounds for each search.\n"
            "Training for officers on how to stop and prevent profiling.\n"
            "Accountability for agencies that keep doing it.\n"
            "A written policy against stopping or treating anyone differently because of "
            "race, color, ethnicity or national origin."
        ),
        allies=[IMMIGRANT, FAITH, (_("Civil rights and civil liberties groups"), _("Data."))],
        unlikely=[(_("Police reform-minded officers"), _("Ask them to speak to training."))],
        opponents=[(_("Police unions opposed to data collection"), _("Access to lawmakers."))],
        targets=[
            ("primary", _("City council or state legislature"), ""),
            ("secondary", _("Police chief"), _("Adopts the written policy")),
        ],
        tactics=[
            (Rung.MEETING, _("Meet the chief and the council with people who were stopped.")),
            (Rung.LETTERS, _("Publish the stop numbers with an op-ed.")),
            (Rung.RALLY, _("Accountability forum with the chief and council members.")),
        ],
        messaging=_("Safety depends on trust; data shows where trust is broken."),
    ),
    Playbook.TRUST: PlaybookText(
        key=Playbook.TRUST,
        issue=_("TRUST: no ICE holds and no release notifications"),
        case=_(
            "ICE holds and release notifications are requests, never obligations: local "
            "police may decline.\n"
            "Holding people for ICE kept some in jail far past the 48 hours asked.\n"
            "When police work for immigration enforcement, people stop calling them.\n"
            "Hundreds of counties and cities, and several states, already limit or refuse "
            "holds; ask for no cooperation, including no release notifications."
        ),
        allies=[IMMIGRANT, FAITH, (_("Legal aid and public defenders"), _("Case stories."))],
        unlikely=[(_("Sheriffs worried about liability"), _("Holds are legally risky."))],
        opponents=[(_("Federal enforcement advocates"), _("Pressure on the sheriff."))],
        targets=[
            ("primary", _("County sheriff"), _("Runs the jail")),
            ("secondary", _("County board or city council"), _("Passes the policy")),
        ],
        tactics=[
            (Rung.MEETING, _("Meet the sheriff with families separated after a hold.")),
            (Rung.VIGIL, _("Vigil outside the jail.")),
            (Rung.RALLY, _("Accountability forum before the board votes.")),
        ],
        messaging=_("Local police keep us safe when everyone can call them."),
    ),
    Playbook.SANCTUARY: PlaybookText(
        key=Playbook.SANCTUARY,
        issue=_("A sanctuary policy for our city or state"),
        case=_(
            "Officials do not ask about immigration status, report people to immigration "
            "authorities, or help with enforcement.\n"
            "Witnesses and victims come forward when talking to police is not dangerous.\n"
            "Families enroll children in school, get health insurance and see doctors.\n"
            "Where a sanctuary policy exists, strengthen it and use it to launch a "
            "municipal ID or TRUST campaign."
        ),
        allies=[IMMIGRANT, FAITH, (_("School and health advocates"), _("Access stories."))],
        unlikely=[(_("Business owners"), _("Customers and workers who stay."))],
        opponents=[(_("Anti-immigrant groups"), _("Publish lists of sanctuary cities."))],
        targets=[
            ("primary", _("Mayor and city council"), ""),
            ("secondary", _("Police chief"), ""),
        ],
        tactics=[
            (Rung.MEETING, _("Meet the mayor with people of faith and affected families.")),
            (Rung.LETTERS, _("Clergy sign-on letter.")),
            (Rung.VIGIL, _("Vigil at city hall.")),
        ],
        messaging=_("A city where every resident can ask for help."),
    ),
    Playbook.MUNICIPAL_ID: PlaybookText(
        key=Playbook.MUNICIPAL_ID,
        issue=_("A municipal ID card for every resident"),
        case=_(
            "A photo ID the city issues to every resident at low or no cost, whatever "
            "their status.\n"
            "Opens bank accounts, libraries, government buildings and schools: cash a "
            "check, see a doctor, register a child.\n"
            "People who carry cash because they cannot bank are robbed less, and report "
            "it when they are.\n"
            "Helps people who are homeless, people with mental illness, people returning "
            "from prison and older residents too.\n"
            "Popular across the political spectrum; many cities have one, the first in "
            "2007. Learn from the programs that struggled when the card doubled as a "
            "debit card."
        ),
        allies=[
            IMMIGRANT,
            FAITH,
            (_("Homeless and re-entry services"), _("They gain too; invite them to the team.")),
            (_("Public libraries"), _("Accept the card from day one.")),
        ],
        unlikely=[
            (_("Local banks and credit unions"), _("New account holders; ask them to accept it.")),
            (_("Police department"), _("Identifying people at a stop; trust.")),
        ],
        opponents=[(_("Restrictionist groups"), _("Will question the card's legitimacy."))],
        targets=[
            ("primary", _("City council"), _("Passes the ordinance")),
            ("secondary", _("Mayor"), _("Funds the program")),
        ],
        tactics=[
            (Rung.MEETING, _("Meet council members with residents who were robbed of cash.")),
            (Rung.LETTERS, _("Letters from banks, libraries and clinics that will accept it.")),
            (Rung.RALLY, _("Rally at city hall on the day of the council vote.")),
        ],
        messaging=_("One city, one card: every resident belongs."),
    ),
    Playbook.TUITION_EQUITY: PlaybookText(
        key=Playbook.TUITION_EQUITY,
        issue=_("In-state tuition and aid for undocumented students"),
        case=_(
            "Students who grew up here pay in-state tuition like their classmates.\n"
            "Many states already do, some since 2001.\n"
            "Tuition is not enough without aid: students are shut out of federal aid, so "
            "ask the state to fill the gap as several states do."
        ),
        allies=[
            IMMIGRANT,
            FAITH,
            (_("Student groups and DREAMers"), _("They lead and tell their stories.")),
        ],
        unlikely=[(_("University presidents and employers"), _("The workforce they need."))],
        opponents=[(_("Taxpayer groups"), _("Cost arguments; answer with revenue."))],
        targets=[
            ("primary", _("State legislature: higher education committee"), ""),
            ("secondary", _("Board of regents"), _("Can act by policy")),
        ],
        tactics=[
            (Rung.MEETING, _("Meet the committee chair with students and their teachers.")),
            (Rung.LETTERS, _("Op-ed by a university president.")),
            (Rung.RALLY, _("Student day at the capitol.")),
        ],
        messaging=_("Our students earned their place; let them afford it."),
    ),
    Playbook.ANTI_IMMIGRANT_BILLS: PlaybookText(
        key=Playbook.ANTI_IMMIGRANT_BILLS,
        issue=_("Stopping an anti-immigrant bill"),
        case=_(
            "These bills are often written by national groups and filed in several states "
            "at once; show the pattern.\n"
            "Show what happened in states that passed them: lost workers, business and "
            "tourism, and community policing harmed.\n"
            "Prepare economic and community-policing talking points with partners."
        ),
        allies=[
            IMMIGRANT,
            FAITH,
            (_("Law enforcement leaders"), _("Speak for community policing.")),
        ],
        unlikely=[
            (_("Business associations and employers"), _("Economic harm; ask for testimony.")),
            (_("Farm bureau and meat packers"), _("Their workforce.")),
        ],
        opponents=[
            (_("National model-bill groups"), _("Well funded, with ready legislation.")),
            (_("Bill sponsors"), _("Committee seats and press.")),
        ],
        targets=[
            ("primary", _("Committee members where the bill is heard"), ""),
            ("secondary", _("Leadership who schedule votes"), ""),
        ],
        tactics=[
            (Rung.MEETING, _("Visit senators and representatives in their districts.")),
            (Rung.LETTERS, _("Clergy sign-on letter and op-eds by faith leaders.")),
            (Rung.RALLY, _("Day at the capitol; faith leaders speak at the press conference.")),
        ],
        messaging=_("This bill hurts our economy and our safety; other states learned it."),
    ),
}


def playbook_for(key: str) -> PlaybookText | None:
    return PLAYBOOKS.get(key)
