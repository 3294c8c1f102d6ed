"""Scale benchmark of the list pages: query counts and response times at growing row counts.

    python bench/list_scale.py [--rows 10 200 2000] [--database-url URL]

Seeds a throw-away database (SQLite file by default), then requests the facilitator's member
list and the admin audit log with 10, 200 and more rows, reporting the SQL statements per
request (must not grow) and the median time of 20 requests.
"""

import argparse
import os
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, nargs="+", default=[10, 200, 2000])
parser.add_argument("--database-url")
args = parser.parse_args()

from _measure import measure as _measure  # noqa: E402
from _measure import sign_in as _sign_in  # noqa: E402

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

import pyotp  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import (  # noqa: E402
    AccountStatus,
    Group,
    GroupMember,
    GuardianConsent,
    MemberRole,
    Role,
    User,
)
from youthportal.core.models import AuditLog  # noqa: E402
from youthportal.extensions import db  # noqa: E402

app = create_app(
    {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 256,
        "PER_PAGE": 25,
    }
)


def user(login, role=Role.YOUTH, **kw):
    u = User(login_name=login, display_name=login.title(), role=role, password_hash="!", **kw)
    db.session.add(u)
    return u


with app.app_context():
    db.drop_all()
    db.create_all()
    facilitator = user("facilitator", Role.FACILITATOR)
    admin = user("admin", Role.ADMIN, totp_secret=pyotp.random_base32(), totp_enabled=True)
    group = Group(name="Bench class")
    db.session.add(group)
    db.session.flush()
    db.session.add(
        GroupMember(group_id=group.id, user_id=facilitator.id, role=MemberRole.FACILITATOR)
    )
    db.session.commit()
    ids = {"facilitator": facilitator.get_id(), "admin": admin.get_id(), "group": group.id}

client = app.test_client()


def sign_in(who):
    _sign_in(client, ids[who])


def measure(url):
    return _measure(app, client, url)


made = 0
print(f"{'rows':>6} | {'members: queries':>16} {'ms':>7} | {'audit log: queries':>18} {'ms':>7}")
for rows in args.rows:
    with app.app_context():
        for n in range(made, rows):
            u = user(
                f"pupil{n:05d}",
                birth_year=2012,
                birth_month=5,
                status=AccountStatus.PENDING_CONSENT if n % 3 == 0 else AccountStatus.ACTIVE,
            )
            db.session.flush()
            db.session.add(GroupMember(group_id=ids["group"], user_id=u.id))
            if n % 3 == 0:
                db.session.add(GuardianConsent(user_id=u.id, token_nonce="x"))
            db.session.add(
                AuditLog(
                    actor_id=u.id,
                    action="account.joined",
                    target_type="User",
                    target_id=u.id,
                    details={},
                )
            )
        db.session.commit()
    made = rows
    sign_in("facilitator")
    mq, mt = measure(f"/groups/{ids['group']}/members")
    sign_in("admin")
    aq, at = measure("/admin/audit")
    print(f"{rows:>6} | {mq:>16} {mt:>7.1f} | {aq:>18} {at:>7.1f}")
