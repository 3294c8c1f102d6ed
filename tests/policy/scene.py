"""An adopted Youth Parliament report and the people around it on its way to policy-makers:
the cohort's facilitator and speaker, its members, two institutions with an official each,
one institution reachable only by e-mail, and helpers for the clicks of each step."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from tests.conftest import login, make_institution, make_user
from tests.moderation_helpers import trusted_youth
from tests.reports.helpers import make_cohort, make_report, parliamentarian
from tests.reports.world import SECTIONS, adopt, once, set_rules
from youthportal.accounts.models import Group, Institution, Role, User
from youthportal.extensions import db
from youthportal.notifications.models import Notification
from youthportal.policy.models import Commitment, Sending, Submission
from youthportal.reports.models import Report, Version


@dataclass
class Scene:
    facilitator: User
    cohort: Group
    owner: User
    coauthor: User
    speaker: User
    member: User
    report: Report
    version: Version
    ministry: Institution
    agency: Institution
    council: Institution  # no account: a contact e-mail only
    minister: User  # an official of the ministry
    agent: User  # an official of the agency

    def __getitem__(self, name: str):
        return getattr(self, name)


def make_scene() -> Scene:
    facilitator, cohort = make_cohort(name="Korçë Youth Parliament")
    owner = parliamentarian(cohort, display_name="Arta")
    coauthor = parliamentarian(cohort, display_name="Blerim")
    speaker = parliamentarian(cohort, display_name="Dea")
    member = trusted_youth(group=cohort, display_name="Ermal")
    set_rules(cohort, speaker_id=speaker.id)
    with current_app.test_request_context():
        report = make_report(
            owner, cohort, sections=SECTIONS, co_authors=(coauthor,), title="Safer apps"
        )
        version = adopt(report)
    ministry = make_institution("Ministry of Education")
    agency = make_institution("State Agency for Child Rights")
    council = make_institution("Tirana Municipal Council")
    council.contact_email = "council@example.org"
    minister = make_user(Role.POLICY_MAKER, institution=ministry, display_name="Official M")
    agent = make_user(Role.POLICY_MAKER, institution=agency, display_name="Official A")
    db.session.commit()
    return Scene(
        facilitator,
        cohort,
        owner,
        coauthor,
        speaker,
        member,
        report,
        version,
        ministry,
        agency,
        council,
        minister,
        agent,
    )


def send_url(scene: Scene) -> str:
    return f"/policy/send/report/{scene.report.id}/v/{scene.version.number}"


def send(
    client,
    user,
    scene: Scene,
    institutions,
    *,
    letter="Dear minister, please read our report.",
    requested_by=None,
    follow=False,
):
    login(client, user)
    requested_by = requested_by or date.today() + timedelta(days=60)
    return client.post(
        send_url(scene),
        data={
            "institutions": [i.id for i in institutions],
            "cover_letter": letter,
            "requested_by": requested_by.isoformat(),
            "once": once(),
        },
        follow_redirects=follow,
    )


def submission_for(scene: Scene, institution: Institution) -> Submission:
    return db.session.scalar(
        select(Submission)
        .join(Sending)
        .where(Sending.report_id == scene.report.id, Submission.institution_id == institution.id)
    )


def answer_data(
    submission: Submission,
    verdicts: dict[int, dict],
    body="We thank the young people for their report.",
) -> dict:
    """The response form as an official fills it: `verdicts` by recommendation number."""
    data = {"body": body, "once": once()}
    for index, rec in enumerate(submission.sending.recommendations):
        fields = verdicts.get(rec.number, {"verdict": "under_consideration"})
        prefix = f"answers-{index}-"
        data[prefix + "recommendation_id"] = str(rec.id)
        for key, value in fields.items():
            data[prefix + key] = value.isoformat() if isinstance(value, date) else value
    return data


def respond(client, official, submission, verdicts, **kwargs):
    login(client, official)
    return client.post(
        f"/policy/s/{submission.id}/respond", data=answer_data(submission, verdicts, **kwargs)
    )


ACCEPTED = {
    "verdict": "accepted",
    "commitment": "Add online safety lessons to the curriculum",
    "owner_unit": "Curriculum department",
    "expected_by": date.today() + timedelta(days=120),
}


def notices(user: User, kind: str) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
        )
    )


def commitments_of(submission: Submission) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment)
            .where(Commitment.submission_id == submission.id)
            .order_by(Commitment.number)
        )
    )
