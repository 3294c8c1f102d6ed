"""Starter watched-word lists: (language, term, action, category).

Admins edit the lists afterwards; this is what a child-protection moderator expects on day
one. Terms match whole words only, after normalisation (Cyrillic = Latin, no diacritics,
leetspeak undone), so "ass" never fires inside "class" and one Cyrillic entry also catches its
Latin spelling. Words that are harmless in another of the five languages are left out or
listed only in a longer, unambiguous form ("ti si smeće", not "smeće", which is also garbage).

Actions: block (hate, sexual, telling someone to harm themselves), hold (insults, threats:
a moderator decides), flag (spam, mild put-downs: published, reviewed), mask (mild swearing:
published with asterisks). Categories: bullying, hate, sexual, self_harm, violence, spam;
mild swearing is filed under bullying.
"""

B, H, F, M = "block", "hold", "flag", "mask"

# fmt: off
_EN = [
    # insults and bullying
    ("idiot", H, "bullying"), ("moron", H, "bullying"), ("loser", H, "bullying"),
    ("dumbass", H, "bullying"), ("you are stupid", H, "bullying"),
    ("youre stupid", H, "bullying"), ("ur stupid", H, "bullying"), ("stupid", F, "bullying"),
    ("you ... dumb", F, "bullying"), ("ur ... dumb", F, "bullying"),
    ("you ... ugly", F, "bullying"), ("ur ... ugly", F, "bullying"), ("fat pig", H, "bullying"),
    ("fatso", H, "bullying"), ("you are ugly", H, "bullying"),
    ("youre ugly", H, "bullying"), ("ur ugly", H, "bullying"), ("ugly cow", H, "bullying"),
    ("nobody likes you", H, "bullying"), ("no one likes you", H, "bullying"),
    ("everyone hates you", H, "bullying"), ("you are worthless", H, "bullying"),
    ("youre worthless", H, "bullying"), ("waste of space", H, "bullying"),
    ("freak", F, "bullying"), ("bitch", H, "bullying"), ("son of a bitch", H, "bullying"),
    ("bastard", H, "bullying"), ("asshole", H, "bullying"), ("dickhead", H, "bullying"),
    ("slut", H, "bullying"), ("sl*t", H, "bullying"), ("b*tch", H, "bullying"),
    ("whore", H, "bullying"), ("shut up", F, "bullying"),
    ("jerk", F, "bullying"),
    # hate
    ("nigger", B, "hate"), ("nigga", B, "hate"), ("faggot", B, "hate"), ("fag", B, "hate"),
    ("retard", B, "hate"), ("retarded", B, "hate"), ("tranny", B, "hate"),
    ("kike", B, "hate"), ("chink", B, "hate"), ("paki", B, "hate"),
    ("dirty gypsy", B, "hate"), ("go back to your country", B, "hate"),
    # sexual
    ("porn", B, "sexual"), ("porno", B, "sexual"), ("pornhub", B, "sexual"),
    ("send nudes", B, "sexual"), ("nudes", B, "sexual"), ("dick pic", B, "sexual"),
    ("dick pics", B, "sexual"), ("blowjob", B, "sexual"), ("sex chat", B, "sexual"),
    ("horny", B, "sexual"), ("suck my dick", B, "sexual"), ("naked pics", B, "sexual"),
    ("nude pics", B, "sexual"), ("onlyfans", B, "sexual"), ("pussy", B, "sexual"),
    # telling someone to harm themselves
    ("kill yourself", B, "self_harm"), ("kill urself", B, "self_harm"),
    ("kill ur self", B, "self_harm"),
    ("kill your self", B, "self_harm"),
    ("kys", B, "self_harm"), ("go die", B, "self_harm"), ("hope you die", B, "self_harm"),
    ("drink bleach", B, "self_harm"), ("hang yourself", B, "self_harm"),
    ("neck yourself", B, "self_harm"), ("slit your wrists", B, "self_harm"),
    # threats
    ("i will kill you", H, "violence"), ("ill kill you", H, "violence"),
    ("im going to kill you", H, "violence"), ("i will beat you up", H, "violence"),
    ("ill beat you up", H, "violence"), ("i will hurt you", H, "violence"),
    ("ill hurt you", H, "violence"), ("i know where you live", H, "violence"),
    ("watch your back", H, "violence"), ("ill punch you", H, "violence"),
    ("ill stab you", H, "violence"), ("shoot up the school", H, "violence"),
    # spam
    ("free followers", F, "spam"), ("click here", F, "spam"), ("buy followers", F, "spam"),
    ("free robux", F, "spam"), ("free vbucks", F, "spam"), ("make money fast", F, "spam"),
    ("earn money from home", F, "spam"), ("dm for promo", F, "spam"),
    ("crypto giveaway", F, "spam"), ("follow for follow", F, "spam"),
    # mild swearing
    ("fuck", M, "bullying"), ("fucking", M, "bullying"), ("fck", M, "bullying"),
    ("fuk", M, "bullying"), ("f*ck", M, "bullying"), ("f**k", M, "bullying"),
    ("wtf", M, "bullying"),
    ("shit", M, "bullying"), ("sh*t", M, "bullying"), ("bullshit", M, "bullying"),
    ("crap", M, "bullying"), ("damn", M, "bullying"), ("ass", M, "bullying"),
    ("piss off", M, "bullying"),
]

_SQ = [
    ("idiot", H, "bullying"), ("idiote", H, "bullying"), ("budalla", H, "bullying"),
    ("budall", H, "bullying"),
    ("budallaqe", H, "bullying"), ("rrot", H, "bullying"), ("torollak", H, "bullying"),
    ("leshko", H, "bullying"), ("hajvan", H, "bullying"), ("je i trashe", H, "bullying"),
    ("je e trashe", H, "bullying"), ("trutrashe", H, "bullying"), ("kokederr", H, "bullying"),
    ("pa tru", H, "bullying"), ("i pamend", H, "bullying"), ("e pamend", H, "bullying"),
    ("deshtak", H, "bullying"), ("deshtake", H, "bullying"), ("qelbanik", H, "bullying"),
    ("qelbesire", H, "bullying"), ("qelbesir", H, "bullying"), ("bir qeni", H, "bullying"),
    ("kurve", H, "bullying"),
    ("kurva", H, "bullying"), ("lavire", H, "bullying"), ("kopil", H, "bullying"),
    ("je e shemtuar", H, "bullying"), ("je i shemtuar", H, "bullying"),
    ("dhjamosh", H, "bullying"), ("dhjamoshe", H, "bullying"),
    ("askush nuk te do", H, "bullying"), ("askush nuk te pelqen", H, "bullying"),
    ("te gjithe te urrejne", H, "bullying"), ("je i pavlere", H, "bullying"),
    ("je e pavlere", H, "bullying"), ("mbyll gojen", F, "bullying"), ("qelbu", H, "bullying"),
    ("zhduku", F, "bullying"),
    ("shkije", B, "hate"), ("shkau", B, "hate"), ("magjup", B, "hate"),
    ("magjype", B, "hate"), ("magjypet", B, "hate"), ("evgjit", B, "hate"),
    ("jevg", B, "hate"), ("gabel", B, "hate"), ("pederast", B, "hate"), ("peder", B, "hate"),
    ("pidh", B, "sexual"), ("kar", B, "sexual"), ("qij", B, "sexual"), ("qihu", B, "sexual"),
    ("qirje", B, "sexual"), ("qifsha", B, "sexual"), ("tqifsha", B, "sexual"),
    ("te qifsha", B, "sexual"), ("porno", B, "sexual"), ("dergo nudo", B, "sexual"),
    ("foto lakuriq", B, "sexual"), ("seks ne chat", B, "sexual"),
    ("vraj veten", B, "self_harm"), ("vritu", B, "self_harm"),
    ("shko vdis", B, "self_harm"), ("shko e vdis", B, "self_harm"),
    ("ik vdis", B, "self_harm"), ("shpresoj te vdesesh", B, "self_harm"),
    ("var veten", B, "self_harm"),
    ("do te te vras", H, "violence"), ("te vras", H, "violence"),
    ("do te te rrah", H, "violence"), ("do te te thyej", H, "violence"),
    ("do te te godas", H, "violence"), ("do te te ther", H, "violence"),
    ("do ta hash", H, "violence"), ("e di ku jeton", H, "violence"),
    ("kliko ketu", F, "spam"), ("ndjekes falas", F, "spam"), ("followers falas", F, "spam"),
    ("fito para", F, "spam"), ("para te shpejta", F, "spam"), ("bli ndjekes", F, "spam"),
    ("oferte e limituar", F, "spam"),
    ("mut", M, "bullying"), ("mutin", M, "bullying"), ("dreq", M, "bullying"),
    ("bythe", M, "bullying"), ("ne djall", M, "bullying"),
]

# Serbian and Bosnian (both scripts); Bosnian-only words follow in _BS.
_SR = [
    ("idiot", H, "bullying"), ("idiote", H, "bullying"), ("budala", H, "bullying"),
    ("budaletina", H, "bullying"), ("kreten", H, "bullying"), ("кретен", H, "bullying"),
    ("kretenu", H, "bullying"),
    ("debil", H, "bullying"), ("дебил", H, "bullying"), ("glupan", H, "bullying"),
    ("glupson", H, "bullying"), ("glupsone", H, "bullying"),
    ("glupaca", H, "bullying"), ("glupa si", H, "bullying"), ("glup si", H, "bullying"),
    ("ti si glupa", H, "bullying"), ("ti si glup", H, "bullying"), ("budalo", H, "bullying"),
    ("glupaco", H, "bullying"),
    ("ti si smece", H, "bullying"), ("smece jedno", H, "bullying"), ("olos", H, "bullying"),
    ("supak", H, "bullying"), ("seljacina", H, "bullying"), ("majmune", H, "bullying"),
    ("kravo", H, "bullying"), ("svinjo", H, "bullying"), ("debela svinja", H, "bullying"),
    ("debeljko", H, "bullying"), ("ruzna si", H, "bullying"), ("ruzan si", H, "bullying"),
    ("niko te ne voli", H, "bullying"), ("svi te mrze", H, "bullying"),
    ("nisi ni za sta", H, "bullying"), ("kucko", H, "bullying"), ("kucka", H, "bullying"),
    ("kurvo", H, "bullying"), ("kurva", H, "bullying"), ("drolja", H, "bullying"),
    ("jebi se", H, "bullying"), ("јеби се", H, "bullying"), ("jebem ti", H, "bullying"),
    ("pizda ti materina", H, "bullying"), ("jadnik", F, "bullying"),
    ("umukni", F, "bullying"), ("zacepi", F, "bullying"), ("gubi se", F, "bullying"),
    ("peder", B, "hate"), ("pederu", B, "hate"), ("педер", B, "hate"), ("cigan", B, "hate"),
    ("cigani", B, "hate"), ("ciganine", B, "hate"), ("siptar", B, "hate"),
    ("siptari", B, "hate"), ("шиптар", B, "hate"), ("siptarcina", B, "hate"),
    ("balija", B, "hate"), ("balije", B, "hate"), ("ustasa", B, "hate"),
    ("ustase", B, "hate"), ("crncuga", B, "hate"), ("retard", B, "hate"),
    ("retardiran", B, "hate"),
    ("kurac", B, "sexual"), ("курац", B, "sexual"), ("picka", B, "sexual"),
    ("пичка", B, "sexual"), ("jebanje", B, "sexual"), ("karati", B, "sexual"),
    ("posalji gole slike", B, "sexual"), ("porno", B, "sexual"), ("pusi kurac", B, "sexual"),
    ("drkanje", B, "sexual"),
    ("ubij se", B, "self_harm"), ("убиј се", B, "self_harm"), ("idi se ubij", B, "self_harm"),
    ("crkni", B, "self_harm"), ("crko dabogda", B, "self_harm"), ("obesi se", B, "self_harm"),
    ("nadam se da ces umreti", B, "self_harm"),
    ("ubicu te", H, "violence"), ("убићу те", H, "violence"), ("ubit cu te", H, "violence"),
    ("prebicu te", H, "violence"), ("razbicu te", H, "violence"),
    ("polomicu te", H, "violence"), ("zaklacu te", H, "violence"),
    ("znam gde zivis", H, "violence"), ("znam gdje zivis", H, "violence"),
    ("cekam te ispred skole", H, "violence"),
    ("besplatni pratioci", F, "spam"), ("besplatni followeri", F, "spam"),
    ("klikni ovde", F, "spam"), ("klikni ovdje", F, "spam"), ("zaradi novac", F, "spam"),
    ("brza zarada", F, "spam"), ("kupi pratioce", F, "spam"),
    ("jebote", M, "bullying"), ("jebiga", M, "bullying"), ("sranje", M, "bullying"),
    ("срање", M, "bullying"), ("govno", M, "bullying"), ("jbt", M, "bullying"),
    ("do kurca", M, "bullying"),
]

_BS = [
    ("idiot", H, "bullying"), ("budala", H, "bullying"), ("budaletina", H, "bullying"),
    ("papak", H, "bullying"), ("kreten", H, "bullying"), ("kretenu", H, "bullying"),
    ("debil", H, "bullying"),
    ("glupan", H, "bullying"), ("glupaca", H, "bullying"), ("glupa si", H, "bullying"),
    ("ti si glupa", H, "bullying"), ("budalo", H, "bullying"), ("glupaco", H, "bullying"),
    ("ti si smece", H, "bullying"), ("olos", H, "bullying"), ("supak", H, "bullying"),
    ("seljacina", H, "bullying"), ("majmune", H, "bullying"), ("stoko", H, "bullying"),
    ("hajvane", H, "bullying"), ("kravo", H, "bullying"), ("ruzna si", H, "bullying"),
    ("niko te ne voli", H, "bullying"), ("svi te mrze", H, "bullying"),
    ("kucko", H, "bullying"), ("kurva", H, "bullying"), ("drolja", H, "bullying"),
    ("jebi se", H, "bullying"), ("picka ti materina", H, "bullying"),
    ("umukni", F, "bullying"), ("sutiraj", F, "bullying"),
    ("balija", B, "hate"), ("cetnik", B, "hate"), ("cetnici", B, "hate"),
    ("ustasa", B, "hate"), ("vlaj", B, "hate"), ("vlaji", B, "hate"), ("peder", B, "hate"),
    ("cigan", B, "hate"), ("siptar", B, "hate"), ("retard", B, "hate"),
    ("kurac", B, "sexual"), ("picka", B, "sexual"), ("jebanje", B, "sexual"),
    ("gole slike", B, "sexual"), ("porno", B, "sexual"),
    ("ubij se", B, "self_harm"), ("idi se ubij", B, "self_harm"), ("crkni", B, "self_harm"),
    ("objesi se", B, "self_harm"), ("nadam se da ces umrijeti", B, "self_harm"),
    ("ubit cu te", H, "violence"), ("ubicu te", H, "violence"),
    ("prebit cu te", H, "violence"), ("razbit cu te", H, "violence"),
    ("znam gdje zivis", H, "violence"),
    ("klikni ovdje", F, "spam"), ("besplatni pratioci", F, "spam"),
    ("zaradi novac", F, "spam"), ("brza zarada", F, "spam"),
    ("jebote", M, "bullying"), ("sranje", M, "bullying"), ("govno", M, "bullying"),
]

_MK = [
    ("идиот", H, "bullying"), ("глупак", H, "bullying"), ("глупава", H, "bullying"),
    ("будала", H, "bullying"), ("кретен", H, "bullying"), ("кретену", H, "bullying"),
    ("дебил", H, "bullying"),
    ("лузер", H, "bullying"), ("глупачке", H, "bullying"), ("ти си ѓубре", H, "bullying"),
    ("ѓубре едно", H, "bullying"),
    ("шупак", H, "bullying"), ("селјачиште", H, "bullying"), ("мајмуне", H, "bullying"),
    ("глупа крава", H, "bullying"), ("свињо", H, "bullying"), ("дебела свиња", H, "bullying"),
    ("грда си", H, "bullying"), ("грд си", H, "bullying"), ("никој не те сака", H, "bullying"),
    ("сите те мразат", H, "bullying"), ("не вредиш ништо", H, "bullying"),
    ("кучка", H, "bullying"), ("курва", H, "bullying"), ("еби се", H, "bullying"),
    ("пичка ти матер", H, "bullying"), ("picka ti mater", H, "bullying"),
    ("замолчи", F, "bullying"), ("губи се", F, "bullying"),
    ("шиптар", B, "hate"), ("шиптари", B, "hate"), ("циган", B, "hate"),
    ("цигани", B, "hate"), ("педер", B, "hate"), ("педери", B, "hate"),
    ("бугараш", B, "hate"), ("ретард", B, "hate"),
    ("курец", B, "sexual"), ("пичка", B, "sexual"), ("ебење", B, "sexual"),
    ("порно", B, "sexual"), ("голи слики", B, "sexual"), ("прати голи слики", B, "sexual"),
    ("убиј се", B, "self_harm"), ("оди убиј се", B, "self_harm"), ("обеси се", B, "self_harm"),
    ("се надевам дека ќе умреш", B, "self_harm"),
    ("ќе те убијам", H, "violence"), ("ke te ubijam", H, "violence"),
    ("ќе те претепам", H, "violence"), ("ke te pretepam", H, "violence"),
    ("ќе те скршам", H, "violence"), ("ke te skrsam", H, "violence"),
    ("знам каде живееш", H, "violence"), ("те чекам пред училиште", H, "violence"),
    ("кликни тука", F, "spam"), ("бесплатни следбеници", F, "spam"),
    ("заработи пари", F, "spam"), ("брза заработка", F, "spam"),
    ("купи следбеници", F, "spam"),
    ("срање", M, "bullying"), ("говно", M, "bullying"),
]
# fmt: on

SEED: list[tuple[str, str, str, str]] = [
    (language, term, action, category)
    for language, words in (("en", _EN), ("sq", _SQ), ("sr", _SR), ("bs", _BS), ("mk", _MK))
    for term, action, category in words
]
