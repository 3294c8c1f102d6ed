"""The record's charts: server-drawn SVG bars (the polls' drawing), each beside a table that
holds every number."""

from flask_babel import gettext as _

from youthportal.policy.labels import COMMITMENT_LABELS, VERDICT_LABELS
from youthportal.polls.chart import bars


def record_charts(total) -> dict:
    submissions = [
        (_("Answered"), total.answered),
        (_("Read, not answered"), total.read - total.answered),
        (_("Not read yet"), total.received - total.read),
    ]
    verdicts = [(str(VERDICT_LABELS[v]), n) for v, n in total.verdicts.items()]
    commitments = [(str(COMMITMENT_LABELS[s]), n) for s, n in total.commitments.items()]
    return {
        "submissions": bars(
            submissions,
            title=_("Submissions received"),
            description=", ".join(f"{label}: {n}" for label, n in submissions),
            ident="chart-submissions",
        ),
        "verdicts": bars(
            verdicts,
            title=_("Answers to recommendations"),
            description=", ".join(f"{label}: {n}" for label, n in verdicts),
            ident="chart-verdicts",
        ),
        "commitments": bars(
            commitments,
            title=_("Commitments by status"),
            description=", ".join(f"{label}: {n}" for label, n in commitments),
            ident="chart-commitments",
        ),
    }
