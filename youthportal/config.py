"""Defaults. Overridden by instance/config.py, then YOUTHPORTAL_* environment variables.

Only values that are safe to show live here; secrets come from the instance folder or the
environment (production refuses to start without SECRET_KEY).
"""

from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Set to "production" in deployments: enables Secure cookies, HSTS and the secret-key check.
ENV = "development"

SQLALCHEMY_DATABASE_URI = None  # None -> sqlite:///<instance>/youthportal.sqlite3
# Never write statement parameters (a child's words, a ballot) into logs or error pages.
# pool_pre_ping: a connection the database dropped (a restart, a network cut) is replaced before
# use, so the first request after the database is back succeeds.
SQLALCHEMY_ENGINE_OPTIONS: dict = {"hide_parameters": True, "pool_pre_ping": True}

# 1 MiB is plenty for any form of this portal; bigger bodies get 413.
MAX_CONTENT_LENGTH = 1024 * 1024
MAX_FORM_MEMORY_SIZE = 512 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = False  # forced True when ENV == "production"
SESSION_COOKIE_NAME = "yp_session"
PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
REMEMBER_COOKIE_DURATION = timedelta(days=14)
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

# Idle timeouts (minutes of inactivity before the session ends).
IDLE_TIMEOUT_YOUTH_MINUTES = 30
IDLE_TIMEOUT_ADULT_MINUTES = 120

# CSRF tokens outlive a long drafting session (seconds).
WTF_CSRF_TIME_LIMIT = 8 * 3600

BABEL_DEFAULT_LOCALE = "sq"
BABEL_DEFAULT_TIMEZONE = "Europe/Tirane"
BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
LANGUAGES = {
    "sq": "Shqip",
    "en": "English",
    "sr_Latn": "Srpski",
    "mk": "Македонски",
    "bs": "Bosanski",
}

RATELIMIT_STORAGE_URI = "memory://"  # set from REDIS_URL when that is set
RATELIMIT_HEADERS_ENABLED = False
RATELIMIT_STRATEGY = "moving-window"
# Sign-in attempts: per login name and per client address.
LOGIN_LIMIT_PER_ACCOUNT = "10 per 15 minutes"
LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"

# Digital consent age per country (ISO 3166-1 alpha-2; XK for Kosovo).
CONSENT_AGE = {"AL": 16, "XK": 16, "RS": 15, "MK": 14, "BA": 16, "ME": 16}
COUNTRIES = ["AL", "XK", "RS", "MK", "BA", "ME"]
DEFAULT_COUNTRY = "AL"
CONSENT_TOKEN_MAX_AGE_DAYS = 14
ADULT_INVITATION_MAX_AGE_DAYS = 7
PASSWORD_RESET_MAX_AGE_HOURS = 2

# Quiet hours for young people: nothing is delivered to them in this window (local time).
QUIET_HOURS_START = 21
QUIET_HOURS_END = 8

# Helplines shown on the help page and wherever a child may need them, per country.
# "ALL" entries are shown everywhere. Operators confirm their own country's lines.
HELPLINES = {
    "ALL": [
        {"name": "112", "number": "112", "kind": "emergency"},
    ],
    "AL": [
        {"name": "ALO 116 111", "number": "116 111", "kind": "child_helpline"},
        {"name": "iSIGURT.al", "url": "https://isigurt.al", "kind": "report_form"},
    ],
    "XK": [
        {"name": "116 111", "number": "116 111", "kind": "child_helpline"},
    ],
    "RS": [
        {"name": "19833", "number": "19833", "kind": "online_safety"},
    ],
    "BA": [
        {"name": "Plavi telefon", "number": "080 05 03 05", "kind": "child_helpline"},
        {"name": "sigurnodijete.ba", "url": "https://sigurnodijete.ba", "kind": "report_form"},
    ],
    "ME": [],
    "MK": [],
}

# Moderation defaults (admins change them on the settings page).
BREAKDOWN_MIN_CELL = 5  # k: no breakdown cell of a poll or consultation shows fewer votes
FLAG_THRESHOLD = 3  # distinct reports that hide an item pending review (1 from a facilitator)
PREMODERATION_UNDER_AGE = 13
TRUST_LEVEL_1_AFTER = 3  # approved contributions before posts stop waiting for review
TRUST_LEVEL_2_AFTER = 15
POSTS_PER_HOUR = 30
NEW_ACCOUNT_POSTS_FIRST_HOUR = 3
EDIT_WINDOW_MINUTES = 15
# Sites a young person may link to: the helplines' and the organisation's.
# Where UneHack teams may show what they built (code, prototypes, slides, videos).
HACK_LINK_DOMAINS = [
    "github.com",
    "gitlab.com",
    "scratch.mit.edu",
    "figma.com",
    "canva.com",
    "replit.com",
    "code.org",
    "appinventor.mit.edu",
    "docs.google.com",
    "youtube.com",
]

ALLOWED_LINK_DOMAINS = [
    "isigurt.al",
    "alo116.al",
    "sigurnodijete.ba",
    "pametnoibezbedno.gov.rs",
    "unicef.org",
    "coe.int",
]
# Mutes escalate with each new one (hours).
MUTE_DURATIONS_HOURS = [24, 72, 168, 720]

CONTACT_EMAIL = "privacy@youthportal.example"

# Mail: "file" writes to instance/outbox/ (development); "smtp" delivers.
MAIL_BACKEND = "file"
MAIL_FROM = "Youth Portal <no-reply@youthportal.example>"
MAIL_SMTP_HOST = "localhost"
MAIL_SMTP_PORT = 587
MAIL_SMTP_USERNAME = None
MAIL_SMTP_PASSWORD = None
MAIL_SMTP_STARTTLS = True
MAIL_SMTP_SSL = False  # True for port 465 (TLS from the start); STARTTLS otherwise
# With the back-off (2, 4, 8 … minutes, at most a day) 12 attempts cover about two and a half
# days of SMTP outage before a message is given up.
MAIL_MAX_ATTEMPTS = 12
# Absolute base URL used in e-mailed links (guardian consent, invitations, resets).
BASE_URL = "http://127.0.0.1:5000"

# Argon2 cost; the tests lower it.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_COST = 65536

PER_PAGE = 25

# From youth to policy-makers.
POLICY_ANSWER_DAYS = 60  # default requested answer date, days after sending
POLICY_CLAIM_DAYS = 30  # how long an institution's claim link works
POLICY_CONSULTATION_RECOMMENDATIONS = 10  # most supported proposals sent from a consultation
POLICY_REMINDER_DAYS_BEFORE = (14, 1)  # nudges before the requested date
POLICY_DID_IT_HAPPEN_DAYS = 28  # ask the followers "did it happen?" after a promised date
POLICY_RATING_MIN = 5  # k: a response's ratings are shown from this many
POLICY_RECORD_CACHE_SECONDS = 60  # the public record's figures are cached this long

# --- Production: shared state, logs, backups, housekeeping ---------------------------------
# Redis for what every app server must share: rate limits, sign-in throttling and caches.
# Without it (one server, development) they live in each process.
REDIS_URL = None
# How many proxies (nginx) stand in front and set X-Forwarded-For/-Proto/-Host: the client's
# own address is then used for the sign-in limits. 0 when the portal is reached directly
# (the headers would be anyone's to forge).
PROXY_COUNT = 0
REDIS_TIMEOUT_SECONDS = 0.5
CACHE_KEY_PREFIX = "youthportal:"

# "json": one JSON object per line (journald and log shippers read it); "text": plain lines
# for a terminal. None: json in production, text in development. Request ids come from
# nginx's X-Request-ID when it sends one.
LOG_FORMAT = None
LOG_LEVEL = "INFO"
SLOW_REQUEST_MS = 1000  # requests slower than this are logged with their timings
SLOW_QUERY_MS = 250  # statements slower than this are logged (SQL text only, never values)

# `youthportal backup`: where archives go and how many are kept.
BACKUP_DIR = None  # None -> <instance>/backups
BACKUP_KEEP = 14

# Housekeeping (youthportal housekeeping)
# Sent or failed e-mails (addresses, signed links) are deleted this many days later.
OUTBOX_RETENTION_DAYS = 30
# An unanswered guardian's address is erased this long after the consent link expired.
CONSENT_EMAIL_GRACE_DAYS = 14
# Group invite codes are deleted this many days after they expired or were revoked.
INVITE_CODE_RETENTION_DAYS = 90
# Adult invitations (an e-mail address) are deleted this many days after they expired.
ADULT_INVITATION_RETENTION_DAYS = 30
# Audit entries are deleted after this many days, except those about safeguarding cases.
AUDIT_RETENTION_DAYS = 730
# Audit entries about safeguarding cases: None keeps them until the organisation decides.
AUDIT_SAFEGUARDING_RETENTION_DAYS = None
# One-time form tokens; a replay this old already fails the CSRF check (WTF_CSRF_TIME_LIMIT).
FORM_SUBMISSION_RETENTION_DAYS = 7
# Accounts without a sign-in for this many years are warned that they will be deleted.
INACTIVE_ACCOUNT_YEARS = 2
# Days after the warning before an account still not signed in to is deleted.
INACTIVE_WARNING_DAYS = 30
