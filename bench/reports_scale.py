"""Scale benchmark of collaborative reports: one Youth Parliament cohort (a facilitator and 30
parliamentarians), a report of 40 sections with 2,000 revisions (50 a section) and open
suggestions, adopted once as a ~40-page version; a report of 10 sections with 50 revisions;
one section edited 2,000 times.

    python bench/reports_scale.py [--database-url URL]

Bulk-loads a throw-away database (SQLite file by default), then reports (targets: the report
page and the section history keep their query counts as sections and revisions grow and
render in under 100 ms; the PDF of a 40-page report is built in under 3 s):
- the report page for a co-author at 10 and at 40 sections;
- the section history (page 1) at 5, 50 and 2,000 revisions, the report history at 50 and
  2,000 revisions, and one revision's word diff;
- the public adopted version and its PDF (median of 3 builds, pages counted with pypdf).
"""

import argparse
import io
import os
import random
import tempfile
import time
from datetime import date, timedelta

parser = argparse.ArgumentParser()
parser.add_argument("--database-url")
args = parser.parse_args()

from _measure import measure, sign_in  # noqa: E402

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

from pypdf import PdfReader  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import (  # noqa: E402
    Group,
    GroupKind,
    GroupMember,
    MemberRole,
    Role,
    User,
)
from youthportal.core.model_base import utcnow  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.reports import render  # noqa: E402
from youthportal.reports.models import (  # noqa: E402
    Author,
    Recommendation,
    Report,
    Revision,
    RevisionKind,
    Section,
    State,
    Suggestion,
    SuggestionState,
    Topic,
    Version,
)
from youthportal.safety.models import ModerationStatus  # noqa: E402

MEMBERS, SECTIONS, PER_SECTION = 30, 40, 50
SMALL_SECTIONS, SMALL_PER_SECTION, DEEP = 10, 5, 2000
VERSION_WORDS = (385, 455)  # per section of the adopted version: about 40 A4 pages in all

app = create_app(
    {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "PER_PAGE": 25,
    }
)


def bulk(model, rows, size=5000) -> None:
    for start in range(0, len(rows), size):
        db.session.execute(insert(model), rows[start : start + size])


# Texts -------------------------------------------------------------------------------------

SENTENCES = {
    "en": [
        "Most young people we asked go online every day, often for more than three hours.",
        "Many of them do not know where to report bullying that happens in group chats.",
        "Teachers told us they rarely have time to talk about online safety in class.",
        "In rural schools the internet connection is often too slow for online lessons.",
        "Students in Shkodër and Korçë described long journeys to reach a secondary school.",
        "Almost half of the respondents said public transport does not run when they need it.",
        "Young people want to be asked before decisions about their schools are made, not after.",
        "In many municipalities one school counsellor is shared between several schools.",
        "Several participants said they would not talk to an adult at school about their worries.",
        "Sports halls and libraries close in the afternoon, exactly when students are free.",
        "The consultation received 1,240 answers from pupils aged 13 to 18 in twelve districts.",
        "Girls were more likely than boys to say they feel unsafe on the way home after dark.",
        "Many youth councils exist only on paper and meet fewer than twice a year.",
        "Apprenticeships are hard to find outside Tirana, and most of them are unpaid.",
        "Students asked for clear information about scholarships, written in simple language.",
        "Parents often learn about a problem only when it is too late to help.",
        "Young people with disabilities told us many school buildings are still hard to enter.",
        "We compared our findings with the recommendations of the previous Youth Parliament.",
        "In the poll, 68 percent supported a free bus pass for secondary school students.",
        "Recycling bins are missing in most schools, even where pupils offered to manage them.",
        "The members of the committee met six times and visited four schools in three regions.",
        "Online lessons during the pandemic showed how unequal access to devices still is.",
        "Young people asked that their data be protected when they use school platforms.",
        "Some municipalities already publish their youth budget, but few young people find it.",
        "Mental health was the topic raised most often in the open answers of the consultation.",
        "Students want career guidance to start before they choose a secondary school.",
        "A number of pupils said that exams measure memory more than understanding.",
        "The committee also heard from teachers, social workers and two local officials.",
        "Clean drinking water is not available in every school building we visited.",
        "Young people are ready to volunteer when the tasks are clear and their time is respected.",
    ],
    "sq": [
        "Shumica e të rinjve që pyetëm përdorin internetin çdo ditë, shpesh më shumë se tre orë.",
        "Shumë prej tyre nuk e dinë ku ta raportojnë ngacmimin që ndodh në grupet e bisedave.",
        "Mësuesit na thanë se rrallë kanë kohë të flasin për sigurinë në internet gjatë mësimit.",
        "Në shkollat rurale lidhja me internetin është shpesh shumë e ngadaltë për mësimin online.",
        "Nxënësit nga Shkodra dhe Korça përshkruan udhëtime të gjata deri në shkollën e mesme.",
        "Gati gjysma e të anketuarve thanë se autobusi nuk kalon kur u nevojitet.",
        "Të rinjtë duan të pyeten para se të merren vendime për shkollat e tyre, jo pas.",
        "Në shumë bashki psikologu i shkollës ndahet mes disa shkollave.",
        "Disa pjesëmarrës thanë se nuk do të flisnin me një të rritur në shkollë për shqetësimet.",
        "Palestrat dhe bibliotekat mbyllen pasdite, pikërisht kur nxënësit janë të lirë.",
        "Konsultimi mori 1 240 përgjigje nga nxënës 13 deri 18 vjeç në dymbëdhjetë qarqe.",
        "Vajzat thanë më shpesh se djemtë se nuk ndihen të sigurta kur kthehen vonë në shtëpi.",
        "Shumë këshilla rinore ekzistojnë vetëm në letër dhe mblidhen më pak se dy herë në vit.",
        "Praktikat profesionale gjenden me vështirësi jashtë Tiranës dhe shumica janë pa pagesë.",
        "Nxënësit kërkuan informacion të qartë për bursat, të shkruar në gjuhë të thjeshtë.",
        "Prindërit shpesh mësojnë për një problem vetëm kur është tepër vonë për të ndihmuar.",
        "Të rinjtë me aftësi të kufizuara na thanë se shumë shkolla janë ende të paarritshme.",
        "Gjetjet tona i krahasuam me rekomandimet e Parlamentit Rinor të mëparshëm.",
        "Në sondazh, 68 për qind mbështetën një kartë falas autobusi për nxënësit e mesëm.",
        "Në shumicën e shkollave mungojnë kazanët e riciklimit, edhe aty ku nxënësit ndihmojnë.",
        "Anëtarët e komisionit u takuan gjashtë herë dhe vizituan katër shkolla në tre qarqe.",
        "Mësimi online gjatë pandemisë tregoi sa e pabarabartë është ende qasja në pajisje.",
        "Të rinjtë kërkuan që të dhënat e tyre të mbrohen kur përdorin platformat e shkollës.",
        "Disa bashki e publikojnë buxhetin për të rinjtë, por pak të rinj e dinë ku ta gjejnë.",
        "Shëndeti mendor ishte tema që u përmend më shpesh në përgjigjet e hapura.",
        "Nxënësit duan që orientimi në karrierë të fillojë para zgjedhjes së shkollës së mesme.",
        "Një numër nxënësish thanë se provimet matin më shumë kujtesën sesa të kuptuarit.",
        "Komisioni dëgjoi gjithashtu mësues, punonjës socialë dhe dy zyrtarë vendorë.",
        "Uji i pijshëm i pastër nuk është i disponueshëm në çdo shkollë që vizituam.",
        "Të rinjtë bëjnë punë vullnetare kur detyrat janë të qarta dhe koha e tyre respektohet.",
    ],
}
RECOMMENDATIONS = {
    "en": [
        "The Ministry of Education should appoint a full-time psychologist in every secondary "
        "school by 2027.",
        "Municipalities should publish their youth budget every year in a form young people "
        "can read.",
        "The Ministry of Infrastructure should introduce a free bus pass for all secondary "
        "school students.",
        "Every school should offer a clear, anonymous way to report bullying, online and offline.",
        "Schools should keep sports halls and libraries open until 18:00 on weekdays.",
        "The Government should fund paid apprenticeships outside Tirana, at least 500 places "
        "a year.",
        "Career guidance should start in grade 8 and include visits to local employers.",
        "School platforms should collect only the data they need and say why in simple language.",
    ],
    "sq": [
        "Ministria e Arsimit duhet të caktojë një psikolog me kohë të plotë në çdo shkollë të "
        "mesme deri në vitin 2027.",
        "Bashkitë duhet ta publikojnë çdo vit buxhetin për të rinjtë në një formë që të "
        "rinjtë ta kuptojnë.",
        "Ministria e Infrastrukturës duhet të sigurojë kartë falas autobusi për të gjithë "
        "nxënësit e shkollave të mesme.",
        "Çdo shkollë duhet të ketë një mënyrë të qartë dhe anonime për të raportuar "
        "ngacmimin, në internet dhe jashtë tij.",
        "Shkollat duhet t'i mbajnë të hapura palestrat dhe bibliotekat deri në orën 18:00 "
        "gjatë ditëve të punës.",
        "Qeveria duhet të financojë praktika me pagesë jashtë Tiranës, me të paktën 500 vende "
        "në vit.",
        "Orientimi në karrierë duhet të fillojë në klasën e tetë dhe të përfshijë vizita te "
        "punëdhënësit vendorë.",
        "Platformat e shkollës duhet të mbledhin vetëm të dhënat që u nevojiten dhe ta "
        "shpjegojnë këtë thjesht.",
    ],
}
TITLES = [
    ("Introduction", "Hyrje"),
    ("How we worked", "Si punuam"),
    ("Safety online", "Siguria në internet"),
    ("Mental health at school", "Shëndeti mendor në shkollë"),
    ("Getting to school", "Rruga për në shkollë"),
    ("Sport and free time", "Sporti dhe koha e lirë"),
    ("Youth councils", "Këshillat rinorë"),
    ("First jobs and apprenticeships", "Puna e parë dhe praktikat"),
    ("Scholarships", "Bursat"),
    ("Inclusion", "Përfshirja"),
    ("Environment at school", "Mjedisi në shkollë"),
    ("Digital learning", "Mësimi digjital"),
    ("Our data", "Të dhënat tona"),
    ("The youth budget", "Buxheti për të rinjtë"),
    ("Career guidance", "Orientimi në karrierë"),
    ("Exams", "Provimet"),
    ("Water and buildings", "Uji dhe ndërtesat"),
    ("Volunteering", "Vullnetarizmi"),
    ("What others told us", "Çfarë na thanë të tjerët"),
    ("Conclusions", "Përfundime"),
]


def words(paragraphs: list[list[str]]) -> int:
    return sum(len(s.split()) for p in paragraphs for s in p)


def body_of(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs)


def draft(rng: random.Random, lang: str, low: int, high: int, heading=False) -> list[list[str]]:
    """Paragraphs of 3-5 sentences until `low`-`high` words, 1-3 of them recommendations
    (a one-sentence paragraph starting with "! "), optionally a "### " sub-heading."""
    pool, recs = SENTENCES[lang], RECOMMENDATIONS[lang]
    target = rng.randint(low, high)
    paragraphs: list[list[str]] = []
    while words(paragraphs) < target:
        if paragraphs and rng.random() < 0.25:
            paragraphs.append(["! " + rng.choice(recs)])
        else:
            paragraphs.append(rng.sample(pool, rng.randint(3, 5)))
    if not any(p[0].startswith("! ") for p in paragraphs):
        paragraphs.append(["! " + rng.choice(recs)])
    if heading:
        paragraphs.insert(len(paragraphs) // 2, ["### " + rng.choice(TITLES)[lang == "sq"]])
    return paragraphs


def edit(rng: random.Random, lang: str, paragraphs: list[list[str]]) -> None:
    """One saved change: a sentence replaced, added or removed, or a recommendation reworded."""
    pool, recs = SENTENCES[lang], RECOMMENDATIONS[lang]
    plain = [p for p in paragraphs if not p[0].startswith("! ")]
    chance, paragraph = rng.random(), rng.choice(plain)
    if chance < 0.5:
        paragraph[rng.randrange(len(paragraph))] = rng.choice(pool)
    elif chance < 0.7 and words(paragraphs) < 420:
        paragraph.insert(rng.randrange(len(paragraph) + 1), rng.choice(pool))
    elif chance < 0.9 and len(paragraph) > 2 and words(paragraphs) > 260:
        paragraph.pop(rng.randrange(len(paragraph)))
    else:
        rec = next((p for p in paragraphs if p[0].startswith("! ")), None)
        if rec is not None:
            rec[0] = "! " + rng.choice(recs)
        else:
            paragraph.append(rng.choice(pool))


TITLE = "Shkolla që duam / The school we want"
SUMMARY = "Çfarë u kërkojmë institucioneve, me rekomandime të numëruara. What we ask for."
NOTES = ["", "", "", "Shorter", "Figures from the poll", "Rregullova drejtshkrimin", "Typo"]


# Data --------------------------------------------------------------------------------------

started = time.perf_counter()
with app.app_context():
    db.drop_all()
    db.create_all()
    now = utcnow()
    day = timedelta(days=1)
    users = [
        {
            "id": 1,
            "login_name": "facilitator",
            "display_name": "Teuta Hoxha",
            "role": Role.FACILITATOR,
            "password_hash": "!",
            "email": "teuta@example.org",
        }
    ]
    users += [
        {
            "id": u + 2,
            "login_name": f"mp{u}",
            "display_name": f"Parliamentarian {u + 1}",
            "role": Role.YOUTH,
            "password_hash": "!",
            "birth_year": now.year - 16,
            "birth_month": 1 + u % 12,
            "approved_count": 5,
            "created_at": now - 120 * day,
            "parliament_term_start": date.today() - timedelta(days=30),
            "parliament_term_end": date.today() + timedelta(days=300),
        }
        for u in range(MEMBERS)
    ]
    bulk(User, users)
    bulk(
        Group,
        [{"id": 1, "name": "Youth Parliament 2026", "kind": GroupKind.PARLIAMENT_COHORT}],
    )
    bulk(
        GroupMember,
        [{"group_id": 1, "user_id": 1, "role": MemberRole.FACILITATOR}]
        + [{"group_id": 1, "user_id": u + 2, "role": MemberRole.MEMBER} for u in range(MEMBERS)],
    )
    bulk(Topic, [{"id": 1, "key": "education", "names": {"en": "Education", "sq": "Arsimi"}}])
    # Report 1: 40 sections x 50 revisions, adopted once and back in drafting for version 2.
    # Report 2: 10 sections x 5 revisions. Report 3: one section saved 2,000 times.
    plans = [
        (1, SECTIONS, PER_SECTION, list(range(2, 10))),
        (2, SMALL_SECTIONS, SMALL_PER_SECTION, [2, *range(10, 14)]),
        (3, 1, DEEP, [2, 3]),
    ]
    bulk(
        Report,
        [
            {
                "id": report_id,
                "cohort_id": 1,
                "owner_id": authors[0],
                "reviewer_id": 1,
                "topic_id": 1,
                "title": TITLE if report_id == 1 else f"{TITLE} ({report_id})",
                "summary": SUMMARY,
                "state": State.DRAFT,
                "structure_version": sections + 1,
                "created_at": now - 90 * day,
                "updated_at": now - day,
                "adopted_at": now - 30 * day if report_id == 1 else None,
            }
            for report_id, sections, _revisions, authors in plans
        ],
    )
    bulk(
        Author,
        [
            {"report_id": report_id, "user_id": user_id, "added_at": now - 90 * day + n * day}
            for report_id, _s, _r, authors in plans
            for n, user_id in enumerate(authors)
        ],
    )
    section_rows, revision_rows, suggestion_rows = [], [], []
    section_id = 0
    outsiders = list(range(14, MEMBERS + 2))  # cohort members who suggest, not co-authors
    for report_id, sections, revisions, authors in plans:
        for position in range(sections):
            section_id += 1
            rng = random.Random(section_id)
            lang = "sq" if position % 2 == 0 else "en"
            title = TITLES[position // 2 % len(TITLES)][lang == "sq"]
            paragraphs = draft(rng, lang, 300, 420)
            accepted_at = 20 if revisions >= 20 else None
            if accepted_at is not None:
                suggestion_rows.append(
                    {
                        "id": len(suggestion_rows) + 1,
                        "section_id": section_id,
                        "author_id": outsiders[section_id % len(outsiders)],
                        "body": "",  # filled in below with the text it proposed
                        "base_number": accepted_at - 1,
                        "note": "A figure from the poll",
                        "status": ModerationStatus.PUBLISHED,
                        "state": SuggestionState.ACCEPTED,
                        "decided_by_id": authors[0],
                        "decided_at": now - 14 * day,
                        "created_at": now - 15 * day,
                    }
                )
                accepted_id = len(suggestion_rows)
            body = ""
            for number in range(1, revisions + 1):
                if number == 2:
                    body = body_of(paragraphs)
                elif number > 2:
                    edit(rng, lang, paragraphs)
                    body = body_of(paragraphs)
                kind, base = RevisionKind.EDIT, number - 1 if number > 1 else None
                if number == accepted_at:
                    kind = RevisionKind.SUGGESTION
                    suggestion_rows[accepted_id - 1]["body"] = body
                elif number > 3 and number % 7 == 0:
                    kind, base = RevisionKind.MERGE, number - 2
                revision_rows.append(
                    {
                        "section_id": section_id,
                        "number": number,
                        "title": title,
                        "body": body,
                        "kind": kind,
                        "note": NOTES[number % len(NOTES)],
                        "base_number": base,
                        "author_id": authors[(number + position) % len(authors)],
                        "suggestion_id": accepted_id if number == accepted_at else None,
                        "status": ModerationStatus.PUBLISHED,
                        # Over the 20 days since version 1 went back to drafting, the
                        # sections interleaved so the report history mixes them.
                        "created_at": now
                        - 21 * day
                        + 20 * day * (number - 1 + position / sections) / revisions,
                    }
                )
            section_rows.append(
                {
                    "id": section_id,
                    "report_id": report_id,
                    "position": position + 1,
                    "title": title,
                    "body": body,
                    "revision": revisions,
                    "status": ModerationStatus.PUBLISHED,
                    "public_title": title,
                    "public_body": body,
                    "public_revision": revisions,
                    "updated_at": revision_rows[-1]["created_at"],
                }
            )
            if report_id == 1:
                # Open suggestions on a quarter of the sections (one of them stale), a
                # declined one on a few more.
                for n in range(2 if position < 10 else 0):
                    proposed = [list(p) for p in paragraphs]
                    edit(rng, lang, proposed)
                    suggestion_rows.append(
                        {
                            "id": len(suggestion_rows) + 1,
                            "section_id": section_id,
                            "author_id": outsiders[(section_id + n) % len(outsiders)],
                            "body": body_of(proposed),
                            "base_number": revisions - n,
                            "note": "Një propozim i shkurtër" if n else "Clearer wording",
                            "status": ModerationStatus.PUBLISHED,
                            "state": SuggestionState.OPEN,
                            "created_at": now - day,
                        }
                    )
                if position % 8 == 3:
                    suggestion_rows.append(
                        {
                            "id": len(suggestion_rows) + 1,
                            "section_id": section_id,
                            "author_id": outsiders[section_id % len(outsiders)],
                            "body": body + "\n\nA sentence the authors did not keep.",
                            "base_number": revisions - 5,
                            "note": "",
                            "status": ModerationStatus.PUBLISHED,
                            "state": SuggestionState.DECLINED,
                            "decided_by_id": authors[0],
                            "decided_at": now - 10 * day,
                            "reason": "Covered in section 2.",
                            "created_at": now - 11 * day,
                        }
                    )
    bulk(Section, section_rows)
    bulk(Suggestion, suggestion_rows)
    bulk(Revision, revision_rows)
    # Version 1 of report 1, adopted a month ago: 40 longer sections, about 40 A4 pages.
    rng = random.Random(0)
    version_sections, recommendation_rows = [], []
    for position in range(SECTIONS):
        lang = "sq" if position % 2 == 0 else "en"
        text = body_of(draft(rng, lang, *VERSION_WORDS, heading=position % 3 == 0))
        version_sections.append(
            {
                "title": TITLES[position // 2 % len(TITLES)][lang == "sq"],
                "body": text,
                "sources": [],
            }
        )
        for rec in render.recommendations(text):
            recommendation_rows.append(
                {
                    "version_id": 1,
                    "number": len(recommendation_rows) + 1,
                    "section_index": position,
                    "text": rec,
                }
            )
    bulk(
        Version,
        [
            {
                "id": 1,
                "report_id": 1,
                "number": 1,
                "title": TITLE,
                "summary": SUMMARY,
                "sections": version_sections,
                "sources": [],
                "vote": {
                    "yes": 22,
                    "no": 4,
                    "abstain": 3,
                    "turnout": 29,
                    "members": 30,
                    "quorum_percent": 50,
                    "majority": "simple",
                    "quorum_met": True,
                    "majority_met": True,
                },
                "topic_id": 1,
                "credit_collectively": False,
                "adopted_at": now - 30 * day,
            }
        ],
    )
    bulk(Recommendation, recommendation_rows)
    db.session.commit()
    co_author = db.session.get(User, 2).get_id()
    version_words = sum(len(s["body"].split()) for s in version_sections)
    open_count = sum(1 for s in suggestion_rows if s["state"] == SuggestionState.OPEN)
print(
    f"seeded 1 cohort (1 facilitator, {MEMBERS} parliamentarians); report 1: {SECTIONS} "
    f"sections, {SECTIONS * PER_SECTION:,} revisions, {open_count} open suggestions; report 2: "
    f"{SMALL_SECTIONS} sections, {SMALL_SECTIONS * SMALL_PER_SECTION} revisions; report 3: one "
    f"section, {DEEP:,} revisions; adopted version: {SECTIONS} sections, {version_words:,} "
    f"words, {len(recommendation_rows)} recommendations; in {time.perf_counter() - started:.1f} s"
)

client = app.test_client()
sign_in(client, co_author)
small_first, big_first, deep = 41, 1, 51  # the first section of reports 2 and 1; report 3's
figures = {}
for key, label, url in (
    ("detail10", "report page, 10 sections (co-author)", "/reports/2"),
    ("detail40", "report page, 40 sections (co-author)", "/reports/1"),
    (
        "section5",
        "section history, 5 revisions",
        f"/reports/2/sections/{small_first}/history",
    ),
    (
        "section50",
        "section history, 50 revisions (page 1 of 2)",
        f"/reports/1/sections/{big_first}/history",
    ),
    (
        "section2000",
        "section history, 2,000 revisions (page 1 of 80)",
        f"/reports/3/sections/{deep}/history",
    ),
    ("report50", "report history, 50 revisions (page 1 of 2)", "/reports/2/history"),
    ("report2000", "report history, 2,000 revisions (page 1 of 80)", "/reports/1/history"),
    (
        "diff",
        "one revision's diff (50 against 49)",
        f"/reports/1/sections/{big_first}/history/50",
    ),
    (
        "diff2000",
        "one revision's diff (2,000 against 1,999)",
        f"/reports/3/sections/{deep}/history/2000",
    ),
):
    figures[key] = measure(app, client, url)
    print(f"{label}: {figures[key][0]} SQL, median {figures[key][1]:.1f} ms")

reader = app.test_client()  # the adopted text is public: nobody signed in
queries, ms = measure(app, reader, "/reports/1/v/1")
print(f"adopted version page (public): {queries} SQL, median {ms:.1f} ms")
pdf_queries, pdf_ms = measure(app, reader, "/reports/1/v/1.pdf", runs=3)
response = reader.get("/reports/1/v/1.pdf")
pages = len(PdfReader(io.BytesIO(response.data)).pages)
print(
    f"adopted version PDF: {pdf_queries} SQL, median of 3 builds {pdf_ms:.0f} ms, "
    f"{pages} pages, {len(response.data) / 1024:.0f} KB"
)


def target(label: str, met: bool, detail: str) -> None:
    print(f"target {label}: {'MET' if met else 'MISSED'} ({detail})")


print()
target(
    "report page, constant query count",
    figures["detail10"][0] == figures["detail40"][0],
    f"{figures['detail10'][0]} SQL at 10 sections, {figures['detail40'][0]} at 40",
)
target(
    "report page under 100 ms",
    max(figures["detail10"][1], figures["detail40"][1]) < 100,
    f"{figures['detail40'][1]:.1f} ms at 40 sections",
)
history = [figures[k][0] for k in ("section5", "section50", "section2000")]
target(
    "section history, constant query count",
    len(set(history)) == 1,
    "{} SQL at 5, 50 and 2,000 revisions".format(" / ".join(map(str, history))),
)
slowest = max(figures[k][1] for k in ("section5", "section50", "section2000"))
target("section history under 100 ms", slowest < 100, f"slowest {slowest:.1f} ms")
target(
    "PDF of a 40-page report under 3 s",
    pdf_ms < 3000,
    f"{pages} pages in {pdf_ms / 1000:.2f} s",
)
