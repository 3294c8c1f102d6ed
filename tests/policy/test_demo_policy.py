"""The demo holds two institutions with accounts (an answered and a read-but-overdue
submission), a new submission for an institution without one, and the young people's side."""

from sqlalchemy import select

from tests.conftest import login
from youthportal.accounts.models import User
from youthportal.extensions import db
from youthportal.notifications.models import OutboxMessage
from youthportal.policy import dates
from youthportal.policy.models import Commitment, Submission


def test_the_demo_has_an_answered_a_read_and_overdue_and_a_new_submission(app, client):
    from youthportal.demo import seed_demo

    seed_demo()
    db.session.commit()
    seed_demo()  # seeding twice adds nothing
    db.session.commit()
    answered, overdue, new = db.session.scalars(select(Submission).order_by(Submission.id)).all()
    assert answered.answered_at is not None and answered.read_days == 2
    assert overdue.read_at is not None and overdue.answered_at is None
    assert dates.is_overdue(overdue)
    assert new.read_at is None and not dates.is_overdue(new)
    assert len(db.session.scalars(select(Commitment)).all()) == 2
    claim = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == new.institution.contact_email)
    )
    assert claim is not None and "/policy/claim/" in claim.body
    record = client.get("/policy/record.json").get_json()
    assert record["total"]["submissions_received"] == 3
    assert record["total"]["median_days_to_answer"] == 35
    official = db.session.scalar(select(User).where(User.login_name == "agency.official"))
    login(client, official)
    assert overdue.sending.title in client.get("/policy/inbox?box=overdue").get_data(as_text=True)
