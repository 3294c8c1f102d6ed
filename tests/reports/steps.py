"""What people do on the report pages, one step at a time: a small cohort around one draft,
and the clicks of review and the adoption vote, for the behaviour tests."""

import html
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

from flask import current_app
from sqlalchemy import func, select

from tests.conftest import login
from tests.moderation_helpers import trusted_youth
from tests.reports.helpers import make_cohort, make_report, parliamentarian
from tests.reports.world import SECTIONS, once
from youthportal.accounts.models import Group, User
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.notifications.models import Notification
from youthportal.polls.models import Ballot, Poll, PollOption
from youthportal.reports import drafting
from youthportal.reports.models import Report, Revision, Section, State, Suggestion


@dataclass
class Team:
    facilitator: User
    cohort: Group
    owner: User
    coauthor: User
    member: User  # a young member of the cohort who is not a parliamentarian
    report: Report
    section: Section
    other: Section

    @property
    def voters(self) -> list[User]:
        return [self.owner, self.coauthor]


def make_team(state: State = State.DRAFT) -> Team:
    facilitator, cohort = make_cohort(name="Vlorë Youth Parliament")
    owner = parliamentarian(cohort, display_name="Ardit")
    coauthor = parliamentarian(cohort, display_name="Besa")
    member = trusted_youth(group=cohort, display_name="Drita")
    with current_app.test_request_context():
        report = make_report(owner, cohort, sections=SECTIONS, co_authors=(coauthor,), state=state)
    section, other = drafting.live_sections(report)
    return Team(facilitator, cohort, owner, coauthor, member, report, section, other)


def text(response) -> str:
    """The page as a reader sees it (entities such as &#39; unescaped)."""
    return html.unescape(response.get_data(as_text=True))


class _Forms(HTMLParser):
    """The post forms of a page, each as the fields a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.with_text: list[dict[str, str]] = []
        self.textarea: str | None = None
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self.forms.append({})
            self.inside = True
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("submit", "checkbox", "radio"):
                self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.forms[-1][self.textarea] = ""
            self.with_text.append(self.forms[-1])

    def handle_data(self, data):
        if self.textarea is not None:
            self.forms[-1][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "textarea" and self.textarea is not None:
            value = self.forms[-1][self.textarea]
            self.forms[-1][self.textarea] = value.removeprefix("\r\n").removeprefix("\n")
            self.textarea = None


def form_on(client, user, url: str) -> dict[str, str]:
    """What `user` would send from the form with a text area on that page (the editor, the
    suggestion form), unchanged."""
    login(client, user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    reader = _Forms()
    reader.feed(response.get_data(as_text=True))
    return reader.with_text[0]


def post_as(client, user, url: str, *, follow: bool = False, **data):
    """Signs `user` in and sends the form once (a fresh one-time token unless given)."""
    login(client, user)
    data.setdefault("once", once())
    return client.post(url, data=data, follow_redirects=follow)


def page(client, user, url: str) -> str:
    login(client, user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return text(response)


def section_url(team: Team, section: Section | None = None, tail: str = "") -> str:
    section = section or team.section
    return f"/reports/{team.report.id}/sections/{section.id}{tail}"


def save(client, user, team: Team, body: str, *, base: int | None = None, follow=False, **data):
    """An author saves the first section's editor."""
    fresh = db.session.get(Section, team.section.id)
    data.setdefault("title", fresh.title)
    base = fresh.revision if base is None else base
    url = section_url(team, tail="/edit")
    return post_as(client, user, url, body=body, base_revision=base, follow=follow, **data)


def followed(client, response) -> str:
    """The page a refusal leads to, with its message."""
    assert response.status_code == 302, response.status_code
    return text(client.get(response.headers["Location"]))


def suggest(client, user, team: Team, body: str) -> Suggestion:
    """A member sends the suggestion form with their own version of the first section."""
    form = form_on(client, user, section_url(team, tail="/suggest"))
    client.post(section_url(team, tail="/suggest"), data={**form, "body": body})
    return db.session.scalars(select(Suggestion).order_by(Suggestion.id.desc())).first()


def newcomer(team: Team) -> User:
    """A new co-author: a moderator reads what they write before others see it."""
    user = parliamentarian(team.cohort, display_name="Newcomer", approved_count=0)
    db.session.add(drafting.Author(report_id=team.report.id, user_id=user.id))
    db.session.commit()
    return user


def fresh(section: Section) -> Section:
    db.session.expire_all()
    return db.session.get(Section, section.id)


def newest_revision(section: Section) -> Revision:
    section = fresh(section)
    return db.session.scalar(
        select(Revision).where(
            Revision.section_id == section.id, Revision.number == section.revision
        )
    )


def revisions(section: Section) -> int:
    return db.session.scalar(select(func.count()).where(Revision.section_id == section.id))


def state_of(report: Report) -> State:
    db.session.expire_all()
    return db.session.get(Report, report.id).state


def set_state(team: Team, state: State) -> None:
    team.report.state = state
    db.session.commit()


def move(client, user, report: Report, to: str, note: str = "", follow=False):
    return post_as(client, user, f"/reports/{report.id}/move", to=to, note=note, follow=follow)


# The adoption vote ---------------------------------------------------------------------------


def send_to_vote(client, team: Team) -> Poll:
    """The owner sends the report for review, the facilitator approves it and opens the vote."""
    move(client, team.owner, team.report, "in_review")
    move(client, team.facilitator, team.report, "approved")
    post_as(client, team.facilitator, f"/reports/{team.report.id}/vote", days=2)
    db.session.expire_all()
    poll = db.session.get(Poll, db.session.get(Report, team.report.id).vote_poll_id)
    assert poll is not None, state_of(team.report)
    return poll


def vote(client, user, poll: Poll, answer: str):
    option = db.session.scalar(
        select(PollOption).where(PollOption.poll_id == poll.id, PollOption.key == answer)
    )
    return post_as(client, user, f"/polls/{poll.id}/vote", choice=option.id)


def close_vote(client, team: Team, poll: Poll) -> State:
    """The vote's time runs out; the next visit to the report counts it."""
    poll.opens_at = utcnow() - timedelta(days=2)
    poll.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page(client, team.owner, f"/reports/{team.report.id}")
    return state_of(team.report)


def adopt_by_vote(client, team: Team) -> State:
    poll = send_to_vote(client, team)
    for voter in team.voters:
        vote(client, voter, poll, "yes")
    return close_vote(client, team, poll)


def ballots(poll: Poll) -> int:
    return db.session.scalar(select(func.count()).where(Ballot.poll_id == poll.id))


def notified(user: User, kind: str) -> list[dict]:
    """The parameters of each notification of this kind the person received, oldest first."""
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id, Notification.kind == kind)
        .order_by(Notification.id)
    )
    return [row.params for row in rows]


def audit_trail(report: Report) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditLog.action)
            .where(AuditLog.target_type == "Report", AuditLog.target_id == report.id)
            .order_by(AuditLog.id)
        )
    )
