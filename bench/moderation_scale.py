"""Scale benchmark of the discussion thread page and the moderation queue.

    python bench/moderation_scale.py [--rows 10 200 2000] [--database-url URL]

Seeds a throw-away database (SQLite file by default) with a group thread of N comments (a
quarter of them replies, each with a reaction) and N items held for review, then reports the
SQL statements per request (must not grow with N) and the median time of 20 requests.
"""

import argparse
import os
import tempfile
from datetime import timedelta

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, nargs="+", default=[10, 200, 2000])
parser.add_argument("--database-url")
args = parser.parse_args()

from _measure import measure as _measure  # noqa: E402
from _measure import sign_in as _sign_in  # noqa: E402

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import Group, GroupMember, MemberRole, Role, User  # noqa: E402
from youthportal.core.model_base import utcnow  # noqa: E402
from youthportal.discussions.models import Comment, Reaction, ReactionKind, Thread  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.safety.models import ModerationStatus, ReviewItem, ReviewReason  # noqa: E402

app = create_app(
    {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "PER_PAGE": 25,
    }
)

with app.app_context():
    db.drop_all()
    db.create_all()
    facilitator = User(
        login_name="facilitator", display_name="Teuta", role=Role.FACILITATOR, password_hash="!"
    )
    pupils = [
        User(
            login_name=f"pupil{n}",
            display_name=f"Pupil {n}",
            role=Role.YOUTH,
            password_hash="!",
            birth_year=2011,
            birth_month=3,
            approved_count=10,
        )
        for n in range(5)
    ]
    db.session.add_all([facilitator, *pupils])
    group = Group(name="Bench class")
    db.session.add(group)
    db.session.flush()
    db.session.add(
        GroupMember(group_id=group.id, user_id=facilitator.id, role=MemberRole.FACILITATOR)
    )
    db.session.add_all(GroupMember(group_id=group.id, user_id=p.id) for p in pupils)
    thread = Thread(
        subject_type="group",
        subject_id=group.id,
        group_id=group.id,
        title="Bench thread",
        author_id=facilitator.id,
        status=ModerationStatus.PUBLISHED,
    )
    db.session.add(thread)
    db.session.commit()
    ids = {
        "facilitator": facilitator.get_id(),
        "pupil": pupils[0].get_id(),
        "pupil_ids": [p.id for p in pupils],
        "thread": thread.id,
        "group": group.id,
    }

client = app.test_client()


def sign_in(who):
    _sign_in(client, ids[who])


def measure(url):
    return _measure(app, client, url)


made = 0
last_top = None
start = utcnow()
print(f"{'rows':>6} | {'thread: queries':>15} {'ms':>7} | {'queue: queries':>14} {'ms':>7}")
for rows in args.rows:
    with app.app_context():
        authors = ids["pupil_ids"]
        for n in range(made, rows):
            is_reply = n % 4 == 3 and last_top is not None
            comment = Comment(
                thread_id=ids["thread"],
                author_id=authors[n % len(authors)],
                parent_id=last_top if is_reply else None,
                body=f"Comment {n}",
                body_html=f"<p>Comment {n}</p>",
                status=ModerationStatus.PUBLISHED,
                created_at=start + timedelta(seconds=n),
            )
            db.session.add(comment)
            db.session.flush()
            if not is_reply:
                last_top = comment.id
            db.session.add(
                Reaction(
                    comment_id=comment.id,
                    user_id=authors[(n + 1) % len(authors)],
                    kind=ReactionKind.LIKE,
                )
            )
            held = Comment(
                thread_id=ids["thread"],
                author_id=authors[n % len(authors)],
                body=f"Held {n}",
                body_html=f"<p>Held {n}</p>",
                status=ModerationStatus.PENDING,
            )
            db.session.add(held)
            db.session.flush()
            db.session.add(
                ReviewItem(
                    content_type="comment",
                    content_id=held.id,
                    author_id=held.author_id,
                    group_id=ids["group"],
                    reason=ReviewReason.HELD,
                    findings=[],
                )
            )
        db.session.commit()
    made = rows
    sign_in("pupil")
    tq, tt = measure(f"/discussions/t/{ids['thread']}")
    sign_in("facilitator")
    qq, qt = measure("/moderation/")
    print(f"{rows:>6} | {tq:>15} {tt:>7.1f} | {qq:>14} {qt:>7.1f}")
