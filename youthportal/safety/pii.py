"""Personal information in the six countries (AL, XK, RS, BA, ME, MK) and five languages.

Contact details (e-mail, phone, social account) are refused from everyone. Links, street
addresses, schools and home towns are refused from young people only. Everything runs on the
folded text (lower case, Latin, no diacritics, punctuation kept, digits kept) with offsets back
to the original, so one Latin pattern covers Cyrillic too. Cheap regular expressions find
candidates; the expensive checks (phonenumbers) only see those.
"""

import re
from collections.abc import Iterable

import phonenumbers

from youthportal.safety.data.places import (
    ADDRESS_STOP,
    COUNTRIES,
    NOT_DOMAINS,
    NUMBER_WORDS,
    PLACES,
    PROVIDERS,
    SCHOOL_WORDS,
    STOP,
    TLDS,
)
from youthportal.safety.normalise import Normalised, fold
from youthportal.safety.verdict import BLOCK, Finding

REGIONS = ("AL", "XK", "RS", "BA", "ME", "MK")
# Helplines and emergency numbers (any 116 xxx is a harmonised European service number).
PUBLIC_NUMBERS = {"112", "116111", "116000", "116123", "19833", "080050305", "0800"}
MAX_PHONES = 20
CONTACT_KINDS = ("email", "phone", "handle")  # refused from everyone
YOUTH_KINDS = ("url", "address", "school", "location")  # refused from young people only
# When findings overlap, the first kind in this order wins.
_PRIORITY = {"email": 0, "handle": 1, "phone": 2, "url": 3, "address": 4, "school": 5}


# --- phone numbers -------------------------------------------------------------------------
# A cheap pass finds stretches of digits and separators (the pattern starts with a digit, so
# the regex engine skips text quickly); the exact pattern then runs on those stretches only.
_DIGITS_ROUGH = re.compile(r"[+(]?\d[\d .\-/()]{4,}\d")
_DIGIT_RUN = re.compile(r"(?<![\d+])(?:\+|00)?\(?\d(?:[ .\-/()]{0,3}\d){5,}")
_DATE = re.compile(
    r"\d{1,2} ?[./-] ?\d{1,2} ?[./-] ?(?:\d{4}|\d{2})\.?|\d{4} ?[./-] ?\d{1,2} ?[./-] ?\d{1,2}"
)
_LAW = re.compile(r"\d{1,4} ?/ ?(?:19|20)\d\d")  # Law No. 18/2017
_YEARS = re.compile(r"(?:19|20)\d\d ?[-/] ?(?:(?:19|20)?\d\d)")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}([ .,])\d{3}(?:\1\d{3})*")
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:{_NUMBER_WORD}|\d+)(?:[\s,.\-]{{1,3}}(?:{_NUMBER_WORD}|\d+)\b){{3,}}"
)
# --- e-mail --------------------------------------------------------------------------------
_AT = r"(?P<at>\s{0,2}@\s{0,2}|\s*[(\[{<]\s*(?:at|et)\s*[)\]}>]\s*|\s+(?:at|et|majmunce|majmun)\s+)"
_DOT = r"(?:\s{0,2}\.\s{0,2}|\s*[(\[{<]\s*(?:dot|pika|pike|tocka|tacka)\s*[)\]}>]\s*|\s+(?:dot|pika|pike|tocka|tacka)\s+)"  # noqa: E501
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w][\w.+-]*{_AT}(?P<domain>[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*){_DOT}"
    r"(?P<tld>[a-z]{2,12})\b"
)
_TIGHT_DOT = re.compile(r"^[a-z0-9.-]+$")
# --- social accounts -----------------------------------------------------------------------
_PLATFORM = (
    r"(?:\b(?:insta(?:gram)?|insti|tik ?tok|snap(?:chat)?|facebook|fejs(?:buk)?|telegram"
    r"|whats ?app|wats?app|wotsapp?|votsap|vatsap|discord|diskord|viber|vajber|vibera?"
    r"|twitter|youtube|twitch|messenger|bereal|roblox)\w{0,4}\b|\b(?:ig|fb|kik|dc|psn)\b)"
)
_ACCOUNT = (
    r"(?:\s+(?:account|acc|name|username|user|handle|id|profile|nick|nickname|tag|llogari"
    r"|llogaria|llogarine|profili|profilin|emri|nalog|profil|korisnicko ime|ime|smetka"
    r"|profilot|imeto))?"
)
_ID = r"@?(?P<id>[a-z0-9_][a-z0-9_.]{1,29})"
# "is", "është", "je", "е" or a colon between the account and the name (or the name's @).
_COPULA = (
    r"(?:\s*\b(?:is|eshte|osht|asht|je|e|glasi|it's|its)\b\s*[:=\-]?\s*|\s*[:=\-]\s*|'s\s+"
    r"|\s+(?=@))"
)
_MINE = (
    rf"\b(?:my|moj|moja|moje|mojot|mojata)\s+{_PLATFORM}{_ACCOUNT}"
    rf"|{_PLATFORM}{_ACCOUNT}\s+(?:im|ime|e imi|e ime)\b"
)
# "insta mi je ana" but also "na Instagramu mi je tražio": only with a handle-shaped name.
_MINE_AFTER = rf"{_PLATFORM}{_ACCOUNT}\s+(?:mi|moj|moja)\b"
_ASK = (
    r"\b(?:add|follow|find|dm|text|message|msg|pm|write|contact|call|search|hmu|reach"
    r"|gjej|gjeni|shto|shtoni|ndiq|ndiqni|ndiqme|shkruaj|shkruani|kerko|kerkoni|bej follow"
    r"|bo add|dodaj|dodajte|zaprati|zapratite|prati|pratite|nadji|nadjite|nadi|pisi|pisite"
    r"|javi|javite|trazi|sledi|sledete|najdi|najdete|baraj|barajte)\s+(?:me|mi|mua|mu|na)?"
    r"\s*(?:on|in|at|ne|tek|te|na|u|vo)"
)
# How sure each cue is that a name follows: "strong" takes any word that is not a common
# one, "weak" also needs the name to end the sentence ("insta: ana" but not "Instagram: bad
# for sleep"), "shape" only takes handle-shaped names (ana_k09).
_HANDLE_CUES = [
    # "my snap is ana_k", "moj insta je ana", "instagrami im eshte ana", "мојот инстаграм е"
    (re.compile(rf"(?:{_MINE}){_COPULA}{_ID}"), "strong"),
    (re.compile(rf"{_MINE_AFTER}{_COPULA}{_ID}"), "weak"),
    # "add me on snap: ana", "më gjej në insta si ana", "nađi me na instagramu kao ana"
    (
        re.compile(
            rf"{_ASK}\s+{_PLATFORM}\s*(?:as|si|kao|kako|at|it'?s|is|je|e|eshte|:|-|=)?\s*{_ID}"
        ),
        "strong",
    ),
    # "snap me at ana_k", "dm me on ig @ana"
    (re.compile(rf"{_PLATFORM}\s+me\s*(?:at|on|:|-)?\s*{_ID}"), "strong"),
    # "insta: ana", "snap - ana_k09"
    (re.compile(rf"{_PLATFORM}{_ACCOUNT}\s*[:=\-]\s*{_ID}"), "weak"),
    # "snap ana_k09"
    (re.compile(rf"{_PLATFORM}\s+{_ID}"), "shape"),
]
_AT_HANDLE = re.compile(r"(?<![\w.@])@(?P<id>[a-z0-9_][a-z0-9_.]{1,29})")
_AT_NOT_HANDLE = {"home", "school", "all", "everyone", "here", "work"}
_DISCORD_TAG = re.compile(r"(?<![\w#])[a-z0-9_.]{2,32}#\d{4}\b")
_EMAIL_CUE = re.compile(
    r"\b(?:my\s+)?(?:e-?mail|gmail|emaili|imejl|mejl|email adresa|e-mail adresa)"
    r"(?:\s+(?:im|ime|mi|address))?\s*(?:\b(?:is|eshte|je|e)\b)?\s*[:=\-]?\s*"
    r"(?P<id>[a-z0-9_][a-z0-9_.]{2,40})"
)
_PROFILE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.|vm\.)?(?:instagram\.com|instagr\.am|tiktok\.com|snapchat\.com"
    r"|facebook\.com|fb\.com|fb\.me|m\.me|t\.me|telegram\.me|wa\.me|discord\.gg"
    r"|discord\.com/invite|twitter\.com|x\.com|twitch\.tv|viber\.com)/[^\s<>\"']+"
)
# --- links ---------------------------------------------------------------------------------
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+"
    rf"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:{'|'.join(TLDS)})\b(?:[/:][^\s<>\"']*)?"
)
# --- addresses, schools, places ------------------------------------------------------------
_STREET = (
    r"rruga|rrugen|rruges|rrugica|rr|ulica|ulici|ulicu|ulice|ul|bulevar|bulevaru|bulevara"
    r"|bulevardi|bulevardin|bul|blvd|street|st|avenue|ave|road|rd|lane|lagjja|lagja|lagjen"
    r"|lagjes|lagjia|naselje|naselju|pallati|pallatin|pallatit|pall|zgrada|zgradi|blloku"
    r"|bllok|blok|bloku|hyrja|shkalla|apartamenti"
)
_ADDRESS = re.compile(
    rf"\b(?:{_STREET})\b\.?\s*(?P<name>(?:[\w\"'„“”«»-]+\.?\s+){{0,4}}?)"
    r"(?:(?:nr|no|br|numer|numri|number|num|#)\.?\s*)?(?P<num>\d{1,4}[a-z]?)\b(?!\s*[./]\d)"
)
_HOUSE_NUMBER_FIRST = re.compile(
    r"\b(?P<num>\d{1,4}[a-z]?)\s+(?P<name>(?:[a-z]+\s+){1,3}?)"
    r"(?:street|st|avenue|ave|road|rd|lane|drive|close|way)\b"
)
_MY_ADDRESS = re.compile(
    r"\b(?:my (?:home )?address(?: is|:)|here is my address|adresa ime(?: eshte|:)"
    r"|adresa e shtepise(?: sime| time)?(?: eshte|:)|adresa jone(?: eshte|:)"
    r"|moja adresa(?: je| glasi|:)|adresa mi je|mojata adresa(?: e|:)|adresata mi e"
    r"|adresa mi e)\s*[:=\-]?\s*(?P<rest>[\w\"'„“]+)"
)
_SCHOOL_MINE = re.compile(
    r"\b(?:my school(?:'s name)? is(?: called)?|my school:|our school is called"
    r"|shkolla ime(?: eshte| quhet|:)|shkolla jone(?: eshte| quhet|:)|shkolla ku mesoj(?: eshte)?"
    r"|moja skola(?: je| se zove)?|moja skola:|skola mi je|nasa skola se zove"
    r"|moeto uciliste(?: e| se vika)?|ucilisteto mi e)\s*[:=\-]?\s*(?P<rest>[\w\"'„“«]+)"
)
_SCHOOL_TYPES = (
    r"(?:school|high school|secondary school|primary school|gymnasium|academy|shkolla|shkollen"
    r"|shkolles|gjimnazi|gjimnazin|gjimnazit|skolu|skola|skoli|gimnaziju|gimnazija|gimnaziji"
    r"|os|osnovnu skolu|srednju skolu|uciliste|ucilisteto|gimnazijata|ou|sou|su)"
)
_SCHOOL_GO = re.compile(
    r"\b(?:i go to|i attend|i study at|i am a student at|im a student at|i am a pupil at"
    r"|shkoj ne|mesoj ne|jam nxenes ne|jam nxenese ne|jam nxenes i|jam nxenese e|studioj ne"
    r"|idem u|ucim u|pohadjam|pohadam|ja sam ucenik|ja sam ucenica|ja sam ucenik u"
    r"|ja sam ucenica u|odam vo|ucam vo|jas sum ucenik vo|jas sum ucenicka vo)\s+"
    rf"(?:{_SCHOOL_TYPES}\s+)?(?P<rest>[\w\"'„“«]+)"
)
_SCHOOL_NAMED = re.compile(
    rf"\b(?:i go to|i attend|i study at)\s+(?P<name>(?:[\w'\"-]+\s+){{1,4}}?){_SCHOOL_TYPES}\b"
)
# "I'm in 8th grade at Ismail Qemali school": a capitalised name before "school".
_SCHOOL_AT = re.compile(
    r"\bi(?:'m| am)\b[^.!?\n]{0,30}?\bat\s+(?P<name>(?:[\w'\"-]+\s+){1,4}?)"
    r"(?:school|high school|gymnasium|academy)\b"
)
_LIVE = re.compile(
    r"\b(?:i live in|i live at|i live on|i am living in|im living in|i stay in|jetoj ne"
    r"|jetoj tek|banoj ne|banoj tek|zivim u|zivim na|zivim kod|stanujem u|stanujem na"
    r"|ziveam vo|ziveam na|zhivim u)\s+(?P<rest>[^\n]{0,40})"
)
_PLACE_PREFIX = re.compile(
    r"^(?:the (?:city|town|village) of |a (?:city|town|village) called |qytetin e |qytetin "
    r"|fshatin e |fshatin |lagjen e |lagjen |rrugen e |rrugen |gradu |selu |naselju "
    r"|gradot |seloto |selo |grad )"
)
_WORD = re.compile(r"[\w\"'„“«-]+")
_TO_PUNCTUATION = re.compile(r"[^\n.,;!?()]{0,40}")
_TO_CLAUSE_END = re.compile(r"[^\n,;!?()]{0,40}")

# Cheap substring tests decide which patterns run at all: most posts contain none of these.
_SPELT_DOTS = (" dot ", " pika ", " pike ", " tacka ", " tocka ", "(dot", "[dot", "{dot")
_PROVIDER_HINTS = ("gmail", "yahoo", "hotmail", "outlook", "icloud", "proton", "gmx", "yandex")
_PROFILE_HOSTS = (".com/", ".am/", "t.me/", "m.me/", "fb.me/", "wa.me/", ".gg/", ".tv/")
_PLATFORM_HINTS = (
    "insta", "insti", "tik", "snap", "facebook", "fejs", "telegram", "whats", "wats", "wapp",
    "wots", "votsap", "vatsap", "discord", "diskord", "viber", "vajber", "vibera", "twitter",
    "youtube", "twitch", "messenger", "bereal", "roblox", " ig", " fb", " kik", " dc", " psn",
)  # fmt: skip
_TLD_HINT = re.compile(rf"\.(?:{'|'.join(TLDS)})\b")
_STREET_HINTS = (
    " rrug", " rr", " ulic", " ul.", " ul ", "bulevar", " bul", " blvd", " street", " st.",
    " st ", " avenue", " ave", " road", " rd", " lane", " lagj", " naselj", " pallat", " pall",
    " zgrad", " blok", " bllok", " hyrja", " shkalla", " apartament",
)  # fmt: skip
_SCHOOL_MINE_HINTS = (
    "my school", "our school", "shkolla ime", "shkolla jone", "shkolla ku", "moja skola",
    "skola mi", "nasa skola", "moeto uciliste", "ucilisteto mi",
)  # fmt: skip
_SCHOOL_GO_HINTS = (
    "i go to", "i attend", "i study at", "student at", "pupil at", "shkoj ne", "mesoj ne",
    "nxenes", "studioj ne", "idem u", "ucim u", "pohad", "ucenik", "ucenic", "odam vo",
    "ucam vo",
)  # fmt: skip
_LIVE_HINTS = ("live", "stay in", "jetoj", "banoj", "zivim", "zhivim", "stanujem", "ziveam")


def find(
    text: str,
    *,
    youth: bool = True,
    allowed_domains: Iterable[str] = (),
    public_numbers: Iterable[str] = (),
    folded: Normalised | None = None,
) -> list[Finding]:
    norm = folded if folded is not None else fold(text)
    public = PUBLIC_NUMBERS | {re.sub(r"\D", "", n) for n in public_numbers}
    spans: list[tuple[str, int, int]] = []
    spans += _emails(norm.text)
    spans += _handles(norm)
    spans += _phones(norm.text, public)
    if youth:
        allowed = [_host(d) for d in allowed_domains if d]
        spans += _urls(norm, allowed)
        spans += _addresses(norm.text)
        spans += _schools(norm)
        spans += _places(norm)
    return [
        Finding(kind=kind, action=BLOCK, start=a, end=b, text=text[a:b])
        for kind, a, b in _without_overlaps(norm, spans)
    ]


def _without_overlaps(norm: Normalised, spans: list[tuple[str, int, int]]):
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(spans, key=lambda s: (_PRIORITY.get(s[0], 9), s[1])):
        if end > start and all(end <= a or start >= b for _, a, b in kept):
            kept.append((kind, start, end))
    return [(kind, *norm.span(a, b)) for kind, a, b in sorted(kept, key=lambda s: s[1])]


# --- phone numbers -------------------------------------------------------------------------
def _phones(s: str, public: set[str]) -> list[tuple[str, int, int]]:
    found = []
    for rough in _DIGITS_ROUGH.finditer(s):
        if len(found) >= MAX_PHONES:
            break  # already refused; a page of numbers need not be checked to the end
        for m in _DIGIT_RUN.finditer(rough.group()):
            at = rough.start() + m.start()
            for a, b in _phones_in(m.group(), public):
                found.append(("phone", at + a, at + b))
    # Numbers written in words: only when at least three different number words occur.
    if len(NUMBER_WORDS.keys() & set(s.split())) < 3:
        return found
    for m in _WORD_RUN.finditer(s):
        tokens = re.findall(r"\w+", m.group())
        words = sum(t in NUMBER_WORDS for t in tokens)
        digits = "".join(NUMBER_WORDS.get(t, t) for t in tokens)
        if words >= 2 and 8 <= len(digits) <= 13 and not _counting(digits) and digits not in public:
            found.append(("phone", m.start(), m.end()))
    return found


def _phones_in(candidate: str, public: set[str]) -> list[tuple[int, int]]:
    """The spans of phone numbers inside a run of digits and separators."""
    if _is_phone(candidate, public):
        return [(0, len(candidate))]
    digits = re.sub(r"\D", "", candidate)
    if digits in public or len(digits) < 8 or _not_a_phone(candidate):
        return []
    # Several numbers in a row ("in 2024 069 123 4567", two phone numbers): slide over the
    # digit groups, longest stretch first, at most five groups per number, starting with 0
    # or + (how phone numbers are written) and never through a date or a law number.
    groups = [m.span() for m in re.finditer(r"\+?\d+", candidate)]
    free = _outside(groups, candidate)
    spans: list[tuple[int, int]] = []
    i = checks = 0
    while i < len(groups) and len(spans) < MAX_PHONES and checks < 5 * MAX_PHONES:
        if not free[i] or candidate[groups[i][0]] not in "0+":
            i += 1
            continue
        for j in range(min(len(groups), i + 5), i, -1):
            a, b = groups[i][0], groups[j - 1][1]
            if not all(free[i:j]) or not 8 <= sum(c.isdigit() for c in candidate[a:b]) <= 13:
                continue
            checks += 1
            if _is_phone(candidate[a:b], public, strict=True):
                spans.append((a, b))
                i = j
                break
        else:
            i += 1
    return spans


def _outside(groups: list[tuple[int, int]], candidate: str) -> list[bool]:
    """For each digit group: is it outside every date, law number and year range?"""
    barriers = sorted(m.span() for p in (_DATE, _LAW, _YEARS) for m in p.finditer(candidate))
    free, k = [], 0
    for start, _ in groups:
        while k < len(barriers) and barriers[k][1] <= start:
            k += 1
        free.append(not (k < len(barriers) and barriers[k][0] <= start))
    return free


def _is_phone(candidate: str, public: set[str], *, strict: bool = False) -> bool:
    candidate = candidate.strip(" .-/()")
    digits = re.sub(r"\D", "", candidate)
    if not 6 <= len(digits) <= 15 or digits in public or re.fullmatch(r"116\d{3}", digits):
        return False
    if _not_a_phone(candidate):
        return False
    groups = re.findall(r"\d+", candidate)
    if not candidate.startswith(("+", "00", "0")) and min(map(len, groups)) == 1 < max(
        map(len, groups)
    ):
        return False  # a list of small numbers (grades, scores), not a phone number
    try:
        if candidate.startswith(("+", "00")):
            number = phonenumbers.parse("+" + digits.removeprefix("00"))
            return phonenumbers.is_possible_number(number)
        for region in REGIONS:
            number = phonenumbers.parse(digits, region)
            if phonenumbers.is_valid_number(number):
                return True
    except phonenumbers.NumberParseException:
        return False
    if strict:
        return False
    # A national mobile number written 06x/04x/07x ..., even if not allocated yet.
    first = re.match(r"\(?(\d+)", candidate)
    return bool(first) and 2 <= len(first.group(1)) <= 4 and digits[0] == "0" and len(digits) >= 8


def _not_a_phone(candidate: str) -> bool:
    """Dates, law numbers, year ranges and thousands: digits that are not a phone number."""
    return any(p.fullmatch(candidate) for p in (_DATE, _LAW, _YEARS, _THOUSANDS))


def _counting(digits: str) -> bool:
    return digits in "0123456789" or digits in "9876543210" or len(set(digits)) == 1


# --- e-mail and social accounts ------------------------------------------------------------
def _emails(s: str) -> list[tuple[str, int, int]]:
    found = []
    hints = ["@", "(at", "[at", "{at", "<at", "(et", "[et"]
    if _has(s, _SPELT_DOTS) or _has(s, _PROVIDER_HINTS):
        hints += [" at ", " et ", "majmun"]
    for m in _finditer_near(_EMAIL, s, _windows(s, hints, 64, 80)):
        at, dots = m.group("at"), s[m.start("domain") : m.start("tld")]
        plain = at.strip() == "@" and _TIGHT_DOT.match(dots)
        provider = re.split(r"\W", m.group("domain"), maxsplit=1)[0] in PROVIDERS
        # Spelt-out dots, or a real @ with dots not spaced like sentences ("at home. Com").
        spelt_dots = re.search(r"dot|pik|tacka|tocka", dots)
        careful = spelt_dots or ("@" in at and not re.search(r"\s\.|\.\s", dots))
        if plain or provider or (m.group("tld") in ("com", "net", "org") and careful):
            found.append(("email", m.start(), m.end()))
    for m in _finditer_near(_EMAIL_CUE, s, _windows(s, ("mail", "mejl"), 10, 60)):
        name = m.group("id").rstrip(".")
        end = m.start("id") + len(name)
        if (
            _handle_shaped(name)
            and name not in STOP
            and not s[end : end + 3].strip().startswith("@")
        ):
            found.append(("email", m.start(), end))
    return found


def _handles(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    if _has(s, _PROFILE_HOSTS):
        found += [("handle", m.start(), _strip_end(s, m.end())) for m in _PROFILE_LINK.finditer(s)]
    if "#" in s:
        found += [("handle", m.start(), m.end()) for m in _DISCORD_TAG.finditer(s)]
    for m in _AT_HANDLE.finditer(s) if "@" in s else ():
        name = m.group("id").rstrip(".")
        if name not in _AT_NOT_HANDLE and re.search(r"[a-z]", name):
            found.append(("handle", m.start(), m.start() + 1 + len(name)))
    windows = _windows(s, _PLATFORM_HINTS, 60, 50)
    for pattern, certainty in _HANDLE_CUES if windows else ():
        for m in _finditer_near(pattern, s, windows):
            name = m.group("id").rstrip(".")
            end = m.start("id") + len(name)
            if name in STOP or not re.search(r"[a-z]", name):
                continue
            if (
                _handle_shaped(name)
                or certainty == "strong"
                or (certainty == "weak" and _ends_sentence(s, end))
            ):
                found.append(("handle", m.start(), end))
    return found


def _has(s: str, hints: Iterable[str]) -> bool:
    return any(hint in s for hint in hints)


def _windows(s: str, hints: Iterable[str], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around each hint (merged when they overlap): the patterns run there
    only, instead of over the whole text."""
    padded = " " + s  # hints that start with a space also match at the very beginning
    found = []
    for hint in hints:
        at = padded.find(hint)
        while at >= 0:
            found.append((at, at + len(hint)))
            at = padded.find(hint, at + 1)
    windows: list[tuple[int, int]] = []
    for start, end in sorted(found):
        a, b = max(0, start - before), min(len(s), end + after)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], b))
        else:
            windows.append((a, b))
    return windows


def _finditer_near(pattern: re.Pattern, s: str, windows: list[tuple[int, int]]):
    # Lookbehinds and \b still see the text before a window; only the end is cut.
    for a, b in windows:
        yield from pattern.finditer(s, a, b)


def _handle_shaped(name: str) -> bool:
    """ana_k, ana.k, ana2009: letters and a digit, dot or underscore (not a plain word)."""
    return bool(re.search(r"[a-z]", name) and re.search(r"[\d_.]", name))


def _ends_sentence(s: str, end: int) -> bool:
    """Nothing, punctuation or a line break after the name: not another word."""
    rest = s[end : end + 2]
    return not rest.strip() or rest[0] != " " or not rest[1].isalnum()


def _strip_end(s: str, end: int) -> int:
    while end > 0 and s[end - 1] in ".,;:!?)]}'\"":
        end -= 1
    return end


# --- links ---------------------------------------------------------------------------------
def _urls(norm: Normalised, allowed: list[str]) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    if not (_has(s, ("http", "www.")) or _TLD_HINT.search(s)):
        return found
    for m in _URL.finditer(s):
        end = _strip_end(s, m.end())
        url = s[m.start() : end]
        host = _host(url)
        if url in NOT_DOMAINS or host in NOT_DOMAINS:
            continue
        if not url.startswith(("http", "www.")):
            # Bare domains: "school.It is" after a missing space is not a link.
            tld = host.rsplit(".", 1)[-1]
            original = norm.original(m.start(), m.start() + len(host))
            if tld not in ("com", "net", "org") and original.rsplit(".", 1)[-1] != tld:
                continue
        if any(host == d or host.endswith("." + d) for d in allowed):
            continue
        found.append(("url", m.start(), end))
    return found


def _host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower())
    host = re.split(r"[/:?#]", host, maxsplit=1)[0]
    return host.removeprefix("www.")


# --- addresses, schools, places ------------------------------------------------------------
def _addresses(s: str) -> list[tuple[str, int, int]]:
    found = []
    streets = _windows(s, _STREET_HINTS, 2, 60)
    numbered = _windows(s, (" street", " st", " avenue", " ave", " road", " rd", " lane"), 40, 10)
    for pattern, windows in ((_ADDRESS, streets), (_HOUSE_NUMBER_FIRST, numbered)):
        for m in _finditer_near(pattern, s, windows):
            words = _WORD.findall(m.group("name"))
            number = m.group("num")
            if any(w in ADDRESS_STOP for w in words):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", number):
                continue  # "rruga 2024" is a year, not a house
            found.append(("address", m.start(), m.end()))
    for m in _finditer_near(_MY_ADDRESS, s, _windows(s, ("adres", "address"), 20, 60)):
        if m.group("rest").strip("\"'„“") not in STOP:
            found.append(("address", m.start(), m.end()))
    return found


def _schools(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    for m in _finditer_near(_SCHOOL_MINE, s, _windows(s, _SCHOOL_MINE_HINTS, 2, 60)):
        name = m.group("rest").strip("\"'„“«")
        if name and name not in STOP:
            found.append(("school", m.start(), _word_end(s, m.end())))
    for m in _finditer_near(_SCHOOL_GO, s, _windows(s, _SCHOOL_GO_HINTS, 12, 60)):
        start, name = _skip_words(s, m.start("rest"), SCHOOL_WORDS)
        if not name or name in STOP:
            continue
        if _capitalised(norm, start) or _quoted(s, start):
            found.append(("school", m.start(), _word_end(s, start)))
    named = _windows(s, ("i go to", "i attend", "i study at"), 2, 80)
    for m in _finditer_near(_SCHOOL_NAMED, s, named):
        words = _WORD.findall(m.group("name"))
        if words and not any(w in STOP for w in words):
            found.append(("school", m.start(), m.end()))
    for m in _finditer_near(_SCHOOL_AT, s, _windows(s, ("i'm", "i am"), 2, 90)):
        if _capitalised(norm, m.start("name")):
            found.append(("school", m.start(), m.end()))
    return found


def _places(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    for m in _finditer_near(_LIVE, s, _windows(s, _LIVE_HINTS, 12, 60)):
        rest = m.group("rest")
        prefix = _PLACE_PREFIX.match(rest)
        offset = prefix.end() if prefix else 0
        start = m.start("rest") + offset
        rest = rest[offset:]
        word = _WORD.match(rest)
        if not word:
            continue
        name = word.group().strip("\"'„“«")
        if any(rest.startswith(c) for c in COUNTRIES):
            continue
        if name.isdigit():
            found.append(("address", m.start(), _line_end(s, start)))
        elif name in STOP:
            continue
        elif _capitalised(norm, start) or any(rest.startswith(p) for p in PLACES):
            # Lower-case words are only places when they are known towns ("i live in fear").
            found.append(("location", m.start(), start + word.end()))
    return found


def _skip_words(s: str, start: int, words: set[str]) -> tuple[int, str]:
    """Skip describing words; returns the position and the first word that is left."""
    for m in _WORD.finditer(s, start):
        if m.start() != start and s[start : m.start()].strip():
            break
        token = m.group().strip("\"'„“«")
        if token not in words:
            return m.start(), token
        start = m.end()
        while start < len(s) and s[start] == " ":
            start += 1
    return start, ""


def _capitalised(norm: Normalised, start: int) -> bool:
    if start >= len(norm.offsets):
        return False
    ch = norm.source[norm.offsets[start]]
    return ch.isupper() or ch in "\"'„“«‘"


def _quoted(s: str, start: int) -> bool:
    return start < len(s) and s[start] in "\"'„“«"


def _word_end(s: str, end: int) -> int:
    """Extend a school name to the next punctuation (names have several words)."""
    return end + len(_TO_PUNCTUATION.match(s, end).group().rstrip())


def _line_end(s: str, start: int) -> int:
    return start + len(_TO_CLAUSE_END.match(s, start).group().rstrip(" ."))
