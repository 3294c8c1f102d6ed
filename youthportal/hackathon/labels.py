"""Translated words for UneHack: phases, skills, roles, awards and every refusal."""

from flask_babel import lazy_gettext as _l

PHASE_LABELS = {
    "upcoming": _l("Not open yet"),
    "registration": _l("Registration"),
    "forming": _l("Team forming"),
    "building": _l("Building"),
    "submission": _l("Submission"),
    "judging": _l("Judging"),
    "results": _l("Results"),
}

SKILL_LABELS = {
    "ideas": _l("Coming up with ideas"),
    "drawing": _l("Drawing and design"),
    "writing": _l("Writing"),
    "coding": _l("Coding"),
    "games": _l("Games"),
    "video": _l("Video and photos"),
    "research": _l("Finding things out"),
    "presenting": _l("Presenting"),
    "online_safety": _l("Online safety"),
    "helping_others": _l("Helping others"),
}

STAFF_ROLE_LABELS = {"mentor": _l("Mentor"), "judge": _l("Judge")}

CONFLICT_LABELS = {
    "family": _l("A family member is in the team"),
    "school": _l("I teach or work at a team member's school"),
    "knows_member": _l("I know a team member personally"),
    "helped_team": _l("I helped this team build its idea"),
    "other": _l("Another reason"),
}

AWARD_LABELS = {
    "overall": _l("Overall"),
    "challenge": _l("Best idea for a challenge"),
    "peoples_choice": _l("People's choice"),
}

REFUSALS = {
    # Teams
    "not_now": _l("This is not possible in the event's current phase."),
    "age": _l("This event is for young people of another age."),
    "already_in_team": _l("You are already in a team for this event."),
    "name_refused": _l("Please choose another team name."),
    "name_taken": _l("Another team already has this name. Please choose another one."),
    "team_full": _l("This team is full."),
    "band": _l(
        "Teams in this event only mix members of the same age band; this team is for another one."
    ),
    "not_member": _l("Only the team's members can do this."),
    "not_on_board": _l("This person is no longer looking for a team."),
    "no_invitation": _l("This invitation is no longer open."),
    "not_a_mentor": _l("Choose a mentor listed on the event and vetted."),
    "bad_code": _l("No team of this event has this code. Please check it."),
    # Ideas
    "deadline": _l("The deadline for ideas has passed; nothing was changed."),
    "challenge": _l("Please choose one of the event's challenges."),
    "link": _l("Links must start with https:// and go to one of the allowed websites."),
    "too_many_links": _l("Please give at most 5 links."),
    "text": _l("Please change the text."),
    "conflict": _l(
        "Someone in your team saved the idea while you were editing. Nothing was lost: "
        "compare both versions below and save again."
    ),
    # Jury
    "not_an_adult": _l(
        "Mentors and judges are active adult accounts: facilitators, administrators or "
        "invited experts."
    ),
    "already_staff": _l("This person already has this role in the event."),
    "not_staff": _l("This person does not have this role in the event."),
    "judge_has_scored": _l("This judge has already scored ideas and cannot be removed."),
    "admins_only": _l("Only administrators vet invited experts."),
    "criteria_count": _l("Give between 1 and 6 criteria."),
    "weights": _l("The weights must be whole percentages above 0 that add up to 100."),
    "scoring_started": _l(
        "Scoring has started; the criteria and calibration ideas can no longer change."
    ),
    "conflict_declared": _l(
        "You declared a conflict of interest with this team, so you do not score its idea."
    ),
    "bad_conflict": _l("Please choose a team of this event and a reason."),
    "not_judge": _l("Only the event's judges can do this."),
    "nothing_to_assign": _l(
        "Judges can be assigned once there are judges and submitted, reviewed ideas."
    ),
    "calibration_ideas": _l("Choose two different submitted ideas."),
    "not_judging": _l("Scores can be given only during the judging phase."),
    "not_assigned": _l("This idea is not assigned to you."),
    "calibration_first": _l(
        "Score the two calibration ideas first; the facilitator then opens the rest."
    ),
    "every_criterion": _l("Please give a score for every criterion."),
    "scale": _l("Each score must be a whole number on the scale."),
    # Results
    "already_published": _l("The results are already published."),
    "not_yet": _l("Results can be published once the results phase has begun."),
    "no_scores": _l("No idea has been scored yet."),
    "already_open": _l("The people's choice vote is already open."),
    "too_few_ideas": _l("A people's choice vote needs at least two submitted ideas."),
    # Sending an idea to the Youth Parliament
    "not_winner": _l("Only award-winning ideas of published results can be sent."),
    "already": _l("This idea has already been sent to the Youth Parliament."),
    "consultation": _l("Choose a consultation of yours that is collecting proposals."),
    "no_members": _l("This team has no members left to credit."),
    # Pictures
    "image_type": _l("Only PNG and JPEG pictures can be attached."),
    "image_broken": _l("This picture file is damaged. Please export it again."),
    "image_size": _l("The picture is too big: at most 900 KB."),
    "image_count": _l("An idea has at most 5 pictures."),
    # Event setup
    "team_max_below_team": _l("A team already has more members than this maximum."),
    "scale_fixed": _l("Scoring has started; the scale can no longer change."),
}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, REFUSALS["not_now"]))
