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

from youthportal.safety.normalise import Normalised, fold
from youthportal.safety.verdict import BLOCK, Finding

REGIONS = ("AL", "XK", "RS", "BA", "ME", "MK")
# Helplines and emergency numbers (any 116 xxx is a harmonised European service number).
PUBLIC_NUMBERS = {"112", "116111", "116000", "116123", "19833", "080050305", "0800"}
CONTACT_KINDS = ("email", "phone", "handle")  # refused from everyone
YOUTH_KINDS = ("url", "address", "school", "location")  # refused from young people only
# When findings overlap, the first kind in this order wins.
_PRIORITY = {"email": 0, "handle": 1, "phone": 2, "url": 3, "address": 4, "school": 5}

# Common words that follow "my insta is", "I live in", "my school is" without naming anything.
STOP = set(
    ["a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those", "it", "is", "are", "was", "be", "been", "not", "no", "yes", "and", "or", "but", "so", "very", "too", "really", "just", "only", "also", "still", "now", "then", "here", "there", "with", "without", "for", "from", "to", "of", "in", "on", "at", "by", "about", "like", "as", "than", "same", "different", "other", "another", "some", "any", "all", "full", "empty", "private", "public", "closed", "open", "deleted", "hacked", "blocked", "banned", "locked", "suspended", "new", "old", "boring", "fun", "funny", "cool", "great", "good", "bad", "better", "best", "worse", "worst", "nice", "big", "small", "large", "little", "far", "near", "close", "next", "down", "up", "off", "gone", "dead", "active", "inactive", "broken", "fake", "real", "secret", "called", "named", "ok", "okay", "fine", "amazing", "awesome", "terrible", "horrible", "cute", "weird", "strange", "quiet", "safe", "unsafe", "dangerous", "beautiful", "ugly", "modern", "poor", "rich", "crowded", "clean", "dirty", "peace", "fear", "poverty", "hope", "hiding", "house", "home", "apartment", "flat", "family", "city", "town", "village", "countryside", "capital", "center", "centre", "suburbs", "mountains", "north", "south", "east", "west", "world", "internet", "school", "music", "art", "sports", "primary", "secondary", "elementary", "middle", "high", "local", "village", "rural", "urban", "catholic", "religious", "vocational", "technical", "professional", "boarding", "summer", "driving", "language", "english", "dance", "night", "day", "morning", "evening", "weekend", "online", "too", "where", "when", "what", "who", "how", "why", "i", "e", "te", "ne", "nje", "shume", "privat", "private", "publik", "publike", "mbyllur", "fshire", "bllokuar", "hakuar", "ri", "re", "vjeter", "merzitshem", "merzitshme", "argetues", "mire", "keq", "plot", "bosh", "per", "me", "nga", "vetem", "ende", "tani", "ketu", "aty", "eshte", "jane", "nuk", "s", "ska", "pak", "larg", "afer", "madhe", "vogel", "bukur", "qytet", "qytetin", "fshat", "fshatin", "fshatit", "shtepi", "shtepine", "banese", "lagje", "lagjen", "rruge", "rrugen", "shkolle", "shkollen", "kryeqytet", "qender", "qendren", "veri", "jug", "lindje", "perendim", "ku", "kur", "cfare", "kush", "si", "pse", "edhe", "dhe", "ose", "por", "sepse", "privatan", "privatna", "privatni", "javan", "javna", "javni", "zatvoren", "zatvorena", "obrisan", "obrisana", "hakovan", "blokiran", "nov", "nova", "novi", "star", "stara", "stari", "dosadan", "dosadna", "zanimljiv", "zanimljiva", "dobar", "dobra", "los", "losa", "pun", "puna", "prazan", "prazna", "za", "sa", "na", "u", "o", "od", "do", "samo", "jos", "sada", "sad", "tu", "ovde", "ovdje", "tamo", "je", "su", "nije", "ne", "vrlo", "jako", "veoma", "bas", "mala", "mali", "velika", "veliki", "lijepa", "lepa", "grad", "gradu", "selo", "selu", "kuca", "kuci", "stan", "stanu", "centar", "centru", "gdje", "gde", "kad", "sta", "ko", "kako", "zasto", "i", "a", "ili", "ali", "jer", "privaten", "privatna", "javen", "izbrisan", "hakiran", "dosaden", "poln", "prazen", "so", "vo", "uste", "sega", "tamu", "se", "mnogu", "golemo", "golema", "malo", "mala", "ubavo", "ubava", "gradot", "seloto", "kukja", "doma", "centarot", "kade", "koga", "sto", "koj", "zosto", "ili", "no", "deka", "super", "daleko", "blizu", "odlicna", "odlican", "fina", "losa", "ogromna", "najbolja", "has", "have", "had", "was", "were", "will", "would", "can", "could", "gets", "got", "needs", "need", "goes", "went", "ka", "kishte", "kane", "kemi", "do", "ishin", "ima", "imaju", "imala", "imao", "nema", "bila", "bio", "bilo", "imase", "imaat", "nemaat", "stvarno", "prelepa", "lijepa", "zaista", "larg", "afer", "bukur", "madhe", "vogel", "mire", "mrekullueshme", "daleku", "blisku", "odlicno", "ubavo", "dobro", "golemo"]
)
COUNTRIES = ["albani", "shqiperi", "shqipri", "shqipni", "kosov", "kosova", "serbi", "srbij", "srbiji", "srbija", "bosn", "bih", "hercegovin", "herzegovin", "crn", "mal", "te", "zi", "malin", "e", "zi", "malit", "te", "zi", "montenegr", "macedoni", "makedonij", "maqedoni", "north", "macedonia", "severn", "sever", "evrop", "europ", "ballkan", "balkan", "gjermani", "german", "njemack", "nemack", "germanij", "itali", "greqi", "greece", "grck", "grcij", "turqi", "turk", "turs", "austri", "zvicer", "switzerland", "svajcar", "angli", "england", "britain", "uk", "usa", "america", "amerik", "sweden", "svedsk", "suedi", "franc", "hrvatsk", "croati", "kroaci", "sloven", "bulgar", "bugar", "rumani", "romani", "hungar", "madjar"]
# Towns of the region (stems, so inflected forms match: Beograd, Beogradu; Tiranë, Tiranës).
PLACES = ["tiran", "durres", "durrs", "shkod", "elbasan", "vlor", "korc", "fier", "berat", "lezh", "kukes", "gjirokast", "sarand", "pogradec", "lushnj", "kavaj", "kruj", "prishtin", "pristin", "prizren", "pej", "gjakov", "mitrovic", "ferizaj", "gjilan", "vushtrri", "podujev", "beograd", "novi", "sad", "novom", "sadu", "nis", "kragujev", "subotic", "zrenjanin", "pancev", "cacak", "kraljev", "novi", "pazar", "novom", "pazaru", "sarajev", "banja", "luk", "banjaluk", "banjoj", "luci", "tuzl", "zenic", "mostar", "bihac", "brck", "podgoric", "niksic", "budv", "cetinj", "herceg", "novi", "ulcinj", "ulqin", "skopj", "shkup", "bitol", "manastir", "kumanov", "tetov", "ohrid", "prilep", "strug", "gostivar", "veles", "stip", "kicev", "kercov", "debar", "dibr"]
PROVIDERS = set(
    ["gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "icloud", "aol", "proton", "protonmail", "gmx", "yandex", "mail", "abv", "t-com", "windowslive"]
)
TLDS = ["com", "net", "org", "info", "edu", "gov", "int", "eu", "al", "xk", "rs", "mk", "ba", "me", "hr", "si", "bg", "gr", "de", "uk", "ch", "io", "co", "app", "dev", "gg", "tv", "ly", "xyz", "online", "site", "ru", "fr", "es", "nl", "link", "live", "shop", "store", "blog", "news", "tk", "cc", "biz"]
# Names in tech talk (UneHack) that look like domains.
NOT_DOMAINS = {"asp.net", "socket.io", "vue.js", "node.js", "next.js", "chart.js", "ado.net"}

NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
    "nje": "1", "nji": "1", "dy": "2", "tre": "3", "kater": "4", "katr": "4", "pese": "5",
    "pes": "5", "gjashte": "6", "gjasht": "6", "shtate": "7", "shtat": "7", "tete": "8",
    "tet": "8", "nente": "9", "nent": "9", "nande": "9", "nand": "9",
    "nula": "0", "jedan": "1", "jedna": "1", "jedno": "1", "dva": "2", "dve": "2",
    "dvije": "2", "tri": "3", "cetiri": "4", "pet": "5", "sest": "6", "sedam": "7",
    "osam": "8", "devet": "9", "eden": "1", "edna": "1", "sedum": "7", "osum": "8",
}  # fmt: skip

# --- phone numbers -------------------------------------------------------------------------
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
    r"(?:\s*\b(?:is|eshte|osht|asht|je|e|glasi|it's|its)\b\s*[:=\-]?\s*|\s*[:=\-]\s*|\s+(?=@))"
)
_MINE = (
    rf"\b(?:my|moj|moja|moje|mojot|mojata)\s+{_PLATFORM}{_ACCOUNT}"
    rf"|{_PLATFORM}{_ACCOUNT}\s+(?:im|ime|e imi|e ime)\b"
)
# "insta mi je ana" but also "na Instagramu mi je tražio": only with a handle-shaped name.
_MINE_AFTER = rf"{_PLATFORM}{_ACCOUNT}\s+(?:mi|moj|moja)\b"
_ASK = (
    r"\b(?:add|follow|find|dm|text|message|msg|pm|write|contact|call|search|hmu|reach"
    r"|gjej|shto|ndiq|ndiqme|shkruaj|kerko|bej follow|bo add|dodaj|zaprati|prati|nadji|nadi"
    r"|pisi|javi|trazi|sledi|najdi|baraj)\s+(?:me|mi|mua|mu)?\s*(?:on|in|at|ne|tek|te|na|u|vo)"
)
_HANDLE_CUES = [
    # "my snap is ana_k", "moj insta je ana", "instagrami im eshte ana", "мојот инстаграм е"
    (re.compile(rf"(?:{_MINE}){_COPULA}{_ID}"), True),
    (re.compile(rf"{_MINE_AFTER}{_COPULA}{_ID}"), False),
    # "add me on snap: ana", "më gjej në insta si ana", "nađi me na instagramu kao ana"
    (
        re.compile(
            rf"{_ASK}\s+{_PLATFORM}\s*(?:as|si|kao|kako|at|it'?s|is|je|e|eshte|:|-|=)?\s*{_ID}"
        ),
        True,
    ),
    # "insta: ana", "snap - ana_k09"
    (re.compile(rf"{_PLATFORM}{_ACCOUNT}\s*[:=\-]\s*{_ID}"), False),
    # "snap ana_k09": only handle-shaped names
    (re.compile(rf"{_PLATFORM}\s+{_ID}"), None),
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
# Words that describe a school without naming it ("shkolla e mesme", "9-vjecare").
_SCHOOL_WORDS = set(
    ["e", "mesme", "fillore", "9-vjecare", "vjecare", "9", "publike", "private", "profesionale", "jopublike", "bashkuar", "osnovnu", "srednju", "osnovna", "srednja", "skolu", "skola", "os", "gimnaziju", "gimnazija", "ou", "sou", "su", "osnovno", "sredno", "uciliste", "ucilisteto", "the", "a"]
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
    if any(ch.isdigit() for ch in s):
        for m in _DIGIT_RUN.finditer(s):
            span = _phone_in(m.group(), public)
            if span:
                found.append(("phone", m.start() + span[0], m.start() + span[1]))
    for m in _WORD_RUN.finditer(s):
        tokens = re.findall(r"\w+", m.group())
        words = sum(t in NUMBER_WORDS for t in tokens)
        digits = "".join(NUMBER_WORDS.get(t, t) for t in tokens)
        if words >= 2 and 8 <= len(digits) <= 13 and not _counting(digits):
            if digits not in public:
                found.append(("phone", m.start(), m.end()))
    return found


def _phone_in(candidate: str, public: set[str]) -> tuple[int, int] | None:
    """The span of a phone number inside a run of digits, or None."""
    if _is_phone(candidate, public):
        return 0, len(candidate)
    if re.sub(r"\D", "", candidate) in public:
        return None
    # A phone number after or before another number: "in 2024 069 123 4567".
    groups = [m.span() for m in re.finditer(r"\+?\d+", candidate)]
    if len(groups) > 8:
        return None
    for i in range(len(groups)):
        for j in range(len(groups), i, -1):
            if (i, j) == (0, len(groups)):
                continue
            a, b = groups[i][0], groups[j - 1][1]
            if _is_phone(candidate[a:b], public, strict=True):
                return a, b
    return None


def _is_phone(candidate: str, public: set[str], *, strict: bool = False) -> bool:
    candidate = candidate.strip(" .-/()")
    digits = re.sub(r"\D", "", candidate)
    if not 6 <= len(digits) <= 15 or digits in public or re.fullmatch(r"116\d{3}", digits):
        return False
    for pattern in (_DATE, _LAW, _YEARS, _THOUSANDS):
        if pattern.fullmatch(candidate):
            return False
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


def _counting(digits: str) -> bool:
    return digits in "0123456789" or digits in "9876543210" or len(set(digits)) == 1


# --- e-mail and social accounts ------------------------------------------------------------
def _emails(s: str) -> list[tuple[str, int, int]]:
    found = []
    for m in _EMAIL.finditer(s):
        plain = m.group("at").strip() == "@" and _TIGHT_DOT.match(m.group("domain"))
        domain = m.group("domain")
        provider = re.split(r"\W", domain, maxsplit=1)[0]
        word_dots = not _TIGHT_DOT.match(domain) and not re.search(r"\s\.|\.\s", domain)
        if (
            plain
            or provider in PROVIDERS
            or (m.group("tld") in ("com", "net", "org") and (word_dots or "@" in m.group("at")))
        ):
            found.append(("email", m.start(), m.end()))
    for m in _EMAIL_CUE.finditer(s):
        name = m.group("id").rstrip(".")
        if _handle_shaped(name) and name not in STOP:
            found.append(("email", m.start(), m.start("id") + len(name)))
    return found


def _handles(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = [("handle", m.start(), _strip_end(s, m.end())) for m in _PROFILE_LINK.finditer(s)]
    found += [("handle", m.start(), m.end()) for m in _DISCORD_TAG.finditer(s)]
    for m in _AT_HANDLE.finditer(s):
        name = m.group("id").rstrip(".")
        if name not in _AT_NOT_HANDLE and re.search(r"[a-z]", name):
            found.append(("handle", m.start(), m.start() + 1 + len(name)))
    for pattern, strong in _HANDLE_CUES:
        for m in pattern.finditer(s):
            name = m.group("id").rstrip(".")
            end = m.start("id") + len(name)
            if name in STOP or not re.search(r"[a-z]", name):
                continue
            if _handle_shaped(name) or (strong and name not in STOP) or (
                strong is False and _ends_sentence(s, end)
            ):
                found.append(("handle", m.start(), end))
    return found


def _handle_shaped(name: str) -> bool:
    """ana_k, ana.k, ana2009: letters and a digit, dot or underscore (not a plain word)."""
    return bool(re.search(r"[a-z]", name) and re.search(r"[\d_.]", name))


def _ends_sentence(s: str, end: int) -> bool:
    rest = s[end : end + 2]
    return not rest or not rest[0].isspace() or rest == "" or not rest[1:].isalnum()


def _strip_end(s: str, end: int) -> int:
    while end > 0 and s[end - 1] in ".,;:!?)]}'\"":
        end -= 1
    return end


# --- links ---------------------------------------------------------------------------------
def _urls(norm: Normalised, allowed: list[str]) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
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
    for pattern in (_ADDRESS, _HOUSE_NUMBER_FIRST):
        for m in pattern.finditer(s):
            words = _WORD.findall(m.group("name"))
            number = m.group("num")
            if any(w in STOP and w not in ("e", "i") for w in words):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", number):
                continue  # "rruga 2024" is a year, not a house
            found.append(("address", m.start(), m.end()))
    for m in _MY_ADDRESS.finditer(s):
        if m.group("rest").strip("\"'„“") not in STOP:
            found.append(("address", m.start(), m.end()))
    return found


def _schools(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    for m in _SCHOOL_MINE.finditer(s):
        name = m.group("rest").strip("\"'„“«")
        if name and name not in STOP:
            found.append(("school", m.start(), _word_end(s, m.end())))
    for m in _SCHOOL_GO.finditer(s):
        start, name = _skip_words(s, m.start("rest"), _SCHOOL_WORDS)
        if not name or name in STOP:
            continue
        if _capitalised(norm, start) or _quoted(s, start):
            found.append(("school", m.start(), _word_end(s, start)))
    for m in _SCHOOL_NAMED.finditer(s):
        words = _WORD.findall(m.group("name"))
        if words and not any(w in STOP for w in words):
            found.append(("school", m.start(), m.end()))
    for m in _SCHOOL_AT.finditer(s):
        if _capitalised(norm, m.start("name")):
            found.append(("school", m.start(), m.end()))
    return found


def _places(norm: Normalised) -> list[tuple[str, int, int]]:
    s = norm.text
    found = []
    for m in _LIVE.finditer(s):
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
        elif name in STOP and not prefix:
            continue
        elif _capitalised(norm, start) or any(rest.startswith(p) for p in PLACES) or prefix:
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
    m = re.compile(r"[^\n.,;!?()]{0,40}").match(s, end)
    stop = m.end() if m else end
    return end + len(s[end:stop].rstrip())


def _line_end(s: str, start: int) -> int:
    m = re.compile(r"[^\n,;!?()]{0,40}").match(s, start)
    return start + len(m.group().rstrip(" .")) if m else start
