"""Forms for reports: details, sections, the editor, suggestions, review, the vote, co-authors,
sources, topics and a cohort's adoption rules."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from youthportal.core.forms import REQUIRED, OnceForm, no_control_characters, options, strip
from youthportal.reports.editing import MAX_BODY
from youthportal.reports.labels import MAJORITY_LABELS, SOURCE_LABELS


def _title(label, description=None):
    return StringField(
        label,
        description=description,
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=3, max=160), no_control_characters],
    )


def _note(label, max_length=200, description=None):
    return StringField(
        label,
        description=description,
        filters=[strip],
        validators=[Optional(), Length(max=max_length), no_control_characters],
    )


class ConfirmForm(OnceForm):
    pass


class ReportForm(OnceForm):
    title = _title(_l("Title of the report"))
    topic_id = SelectField(_l("Topic"), choices=[], validators=[Optional()])
    summary = TextAreaField(
        _l("Summary"),
        description=_l("Two or three sentences: what the report is about and what you ask for."),
        filters=[strip],
        validators=[Optional(), Length(max=2000), no_control_characters],
        render_kw={"rows": 4},
    )


class SectionForm(OnceForm):
    """A new section (its title); `structure` is the version of the list the form showed."""

    title = _title(_l("Title of the new section"))
    structure = HiddenField()


class StructureForm(OnceForm):
    structure = HiddenField()


class EditForm(OnceForm):
    title = _title(_l("Section title"))
    body = TextAreaField(
        _l("Text of the section"),
        description=_l(
            "Write in paragraphs. **bold**, *italic*, lists with - and headings with # work. "
            "Start a paragraph with ! and a space to mark it as a recommendation, for "
            "example: ! The Ministry of Education should …"
        ),
        filters=[strip],
        validators=[Optional(), Length(max=MAX_BODY), no_control_characters],
        render_kw={"rows": 18},
    )
    note = _note(_l("What did you change? (optional)"))
    base_revision = HiddenField()
    # Set when an author combines a suggestion by hand: it is credited on save.
    suggestion_id = HiddenField()


class SuggestForm(OnceForm):
    body = TextAreaField(
        _l("Your version of the section"),
        description=_l("Change the text as you would like it. The authors decide."),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=MAX_BODY), no_control_characters],
        render_kw={"rows": 18},
    )
    note = _note(_l("Why do you suggest this? (optional)"))
    base_revision = HiddenField()


class AcceptForm(OnceForm):
    seen_revision = HiddenField()


class DeclineForm(OnceForm):
    reason = TextAreaField(
        _l("Why not? The person who suggested it will read this."),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=1000), no_control_characters],
        render_kw={"rows": 3},
    )


class MoveForm(OnceForm):
    to = HiddenField()
    note = TextAreaField(
        _l("Note for the authors"),
        filters=[strip],
        validators=[Optional(), Length(max=2000), no_control_characters],
        render_kw={"rows": 3},
    )


class VoteForm(OnceForm):
    days = IntegerField(
        _l("How many days the vote stays open"),
        default=3,
        validators=[
            DataRequired(message=REQUIRED),
            NumberRange(min=1, max=30, message=_l("Choose between 1 and 30 days.")),
        ],
    )


class AuthorForm(OnceForm):
    user_id = SelectField(_l("Parliamentarian"), choices=[], validators=[DataRequired()])


class SourceForm(OnceForm):
    kind = SelectField(_l("Kind of source"), choices=options(SOURCE_LABELS.items()))
    target_id = IntegerField(
        _l("Its number"),
        description=_l("The number at the end of its address, for example 12 in /polls/12."),
        validators=[
            DataRequired(message=REQUIRED),
            NumberRange(min=1, max=2**31 - 1, message=_l("Give a number.")),
        ],
    )
    section_id = SelectField(_l("Cited in"), choices=[], validators=[Optional()])


class TopicForm(OnceForm):
    key = StringField(
        _l("Short key (letters and dashes)"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=2, max=40)],
    )
    name_sq = _title(_l("Name in Albanian"))
    name_en = _title(_l("Name in English"))
    name_sr = _title(_l("Name in Serbian"))
    name_mk = _title(_l("Name in Macedonian"))
    name_bs = _title(_l("Name in Bosnian"))
    position = IntegerField(_l("Place in the list"), default=0, validators=[Optional()])
    is_active = BooleanField(_l("Offered for new reports"), default=True)


class CohortRulesForm(OnceForm):
    quorum_percent = IntegerField(
        _l("Quorum: share of the members who must vote (%)"),
        validators=[
            DataRequired(message=REQUIRED),
            NumberRange(min=1, max=100, message=_l("Choose between 1 and 100.")),
        ],
    )
    majority = RadioField(_l("Majority needed"), choices=options(MAJORITY_LABELS.items()))
    secret_vote = BooleanField(_l("Secret vote (otherwise each vote is named, as in a parliament)"))
    credit_collectively = BooleanField(
        _l('Adopted reports are signed "the Youth Parliament" instead of each author')
    )
    speaker_id = SelectField(
        _l("Speaker"),
        description=_l("The speaker may send adopted reports to institutions, as facilitators do."),
        choices=[],
        validators=[Optional()],
    )
