"""Polls, youth-proposed options and reasons are moderated content: the review queue, flags
and safeguarding cases reach them through these registrations."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from youthportal.polls import rules
from youthportal.polls.models import Poll, PollOption, PollReason
from youthportal.safety.content import ContentKind, plain_status, register


def _first_group(poll: Poll) -> int | None:
    # Facilitators of the poll's first group moderate it; polls for everyone are public.
    return poll.group_ids[0] if poll.group_ids else None


def _poll_text(poll: Poll) -> str:
    from youthportal.polls.services import rules_options

    options = "\n".join(f"- {o.label}" for o in rules_options(poll))
    return "\n\n".join(part for part in (poll.title, poll.description, options) if part)


def _replace_poll_text(poll: Poll, text: str) -> None:
    """Edit-and-approve: the first paragraph is the question, "- " lines are the options
    (in order; their number cannot change), the rest is the description."""
    from youthportal.polls.services import rules_options

    title, _, rest = text.strip().partition("\n\n")
    lines = rest.splitlines()
    labels = [line[2:].strip() for line in lines if line.startswith("- ")]
    description = "\n".join(line for line in lines if not line.startswith("- ")).strip()
    poll.title = title.strip()[:200] or poll.title
    poll.description = description
    options = rules_options(poll)
    if len(labels) == len(options):
        for option, label in zip(options, labels, strict=True):
            option.label = label[:200] or option.label


def _replace_label(obj, text: str) -> None:
    obj.label = text[:200]


def _replace_body(obj, text: str) -> None:
    obj.body = text


register(
    ContentKind(
        name="poll",
        model=Poll,
        label=_l("Poll"),
        url=lambda poll: url_for("polls.detail", poll_id=poll.id),
        text=_poll_text,
        group_id=_first_group,
        set_status=plain_status,
        replace_text=_replace_poll_text,
        can_view=rules.may_view,
    )
)

register(
    ContentKind(
        name="poll_option",
        model=PollOption,
        label=_l("Poll option"),
        url=lambda option: url_for("polls.detail", poll_id=option.poll_id),
        text=lambda option: option.label,
        group_id=lambda option: _first_group(option.poll),
        set_status=plain_status,
        replace_text=_replace_label,
        can_view=lambda user, option: rules.may_view(user, option.poll),
    )
)

register(
    ContentKind(
        name="poll_reason",
        model=PollReason,
        label=_l("Reason given with a vote"),
        url=lambda reason: url_for("polls.reasons", poll_id=reason.poll_id),
        text=lambda reason: reason.body,
        group_id=lambda reason: _first_group(reason.poll),
        set_status=plain_status,
        replace_text=_replace_body,
        can_view=lambda user, reason: rules.may_view(user, reason.poll),
    )
)
