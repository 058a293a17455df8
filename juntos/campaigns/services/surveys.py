"""Surveys and listening sessions: questions, responses typed in or imported from CSV."""

import csv
import io

from django.db import transaction
from django.utils.translation import gettext as _

from juntos.audit.models import Action
from juntos.campaigns import rules
from juntos.campaigns.models import Survey, SurveyResponse
from juntos.campaigns.services.base import CampaignError, audit

MAX_IMPORT_ROWS = 5000
ISSUE_COLUMNS = ("issues", "issue", "temas", "tema")


def survey_create(*, coalition, actor, kind: str, title: str, questions: list[str], held_on=None):
    questions = [q.strip() for q in questions if q.strip()]
    if not title.strip():
        raise CampaignError(_("Give the survey or session a title."))
    if not questions:
        raise CampaignError(_("Write at least one question."))
    with transaction.atomic():
        survey = Survey.objects.create(
            coalition=coalition,
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            questions=questions,
        )
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.SURVEY_CHANGED,
            target=survey,
            changes={"created": [None, survey.title]},
        )
    return survey


def survey_response_add(*, survey: Survey, actor, answers: list[str], issues: str | list[str]):
    named = (
        rules.split_issues(issues)
        if isinstance(issues, str)
        else rules.split_issues(";".join(issues))
    )
    if not named:
        raise CampaignError(_("Write the issue or issues this person named."))
    answers = [(a or "").strip() for a in answers][: len(survey.questions)]
    with transaction.atomic():
        row = SurveyResponse.objects.create(survey=survey, answers=answers, issues=named)
        audit(
            coalition=survey.coalition,
            actor=actor,
            action=Action.SURVEY_CHANGED,
            target=survey,
            changes={"response": [None, row.pk]},
        )
    return row


def survey_import_csv(*, survey: Survey, actor, text: str) -> int:
    """One row per response: a column per question (matched by its text) and an
    "issues" column with the issues named, separated by semicolons or commas."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().casefold(): h for h in reader.fieldnames or []}
    issue_column = next((headers[c] for c in ISSUE_COLUMNS if c in headers), None)
    if issue_column is None:
        raise CampaignError(_('The CSV needs an "issues" column with the issues people named.'))
    question_columns = [headers.get(q.strip().casefold()) for q in survey.questions]
    rows = []
    for number, record in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise CampaignError(_("At most %(n)d rows at a time.") % {"n": MAX_IMPORT_ROWS})
        named = rules.split_issues(record.get(issue_column) or "")
        if not named:
            continue
        answers = [(record.get(c) or "").strip() if c else "" for c in question_columns]
        rows.append(SurveyResponse(survey=survey, answers=answers, issues=named))
    if not rows:
        raise CampaignError(_("No row named an issue; nothing was imported."))
    with transaction.atomic():
        SurveyResponse.objects.bulk_create(rows)
        audit(
            coalition=survey.coalition,
            actor=actor,
            action=Action.SURVEY_CHANGED,
            target=survey,
            changes={"imported": [None, len(rows)]},
        )
    return len(rows)


def survey_tally(survey: Survey):
    return rules.issue_tally(list(survey.responses.values_list("id", "issues")))
