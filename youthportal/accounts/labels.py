"""Translated labels for account enums, shared by forms and templates."""

from flask_babel import lazy_gettext as _l

from youthportal.accounts.models import AccountStatus, ConsentStatus, Role

ROLE_LABELS = {
    Role.YOUTH: _l("Young person"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.SAFEGUARDING_LEAD: _l("Safeguarding lead"),
    Role.POLICY_MAKER: _l("Policy-maker"),
    Role.ADMIN: _l("Administrator"),
    Role.EXPERT: _l("Invited expert"),
}

STATUS_LABELS = {
    AccountStatus.ACTIVE: _l("Active"),
    AccountStatus.PENDING_CONSENT: _l("Waiting for guardian consent"),
    AccountStatus.SUSPENDED: _l("Suspended"),
    AccountStatus.DELETED: _l("Deleted"),
}

CONSENT_LABELS = {
    ConsentStatus.PENDING: _l("Waiting"),
    ConsentStatus.ACCEPTED: _l("Given"),
    ConsentStatus.DECLINED: _l("Declined"),
}
