"""Word lists the personal-information check needs: filler words, countries, towns of the
region, mail providers, domain endings and number words in five languages."""


def _words(text: str) -> list[str]:
    """Entries separated by spaces; "|" joins the words of one entry ("novi|sad")."""
    return [word.replace("|", " ") for word in text.split()]


# Common words that follow "my insta is", "I live in", "my school is" without naming anything,
# or that sit between a street word and a number in an ordinary sentence.
STOP = frozenset(
    _words(
        """
        a an the my your his her their our its this that these those it is are was were be
        been not no yes and or but so very too really just only also still now then here there
        with without for from to of in on at by about like as than same different other
        another some any all has have had will would can could gets got needs need goes went
        full empty private public closed open deleted hacked blocked banned locked suspended
        new old boring fun funny cool great good bad better best worse worst nice big small
        large little far near close next down up off gone dead active inactive broken fake
        real secret sekret tajna fshehte called named ok okay fine amazing awesome terrible
        horrible cute weird
        strange quiet safe unsafe dangerous beautiful ugly modern poor rich crowded clean dirty
        super peace fear poverty hope hiding house home apartment flat family city town village
        countryside capital center centre suburbs mountains north south east west world
        internet school music art sports primary secondary elementary middle high local rural
        urban catholic religious vocational technical professional boarding summer driving
        language english dance night day morning evening weekend online where when what who
        how why
        i e te ne nje tim time tone sim ime im shume privat private publik publike mbyllur fshire
        bllokuar hakuar ri re
        vjeter merzitshem merzitshme argetues mire keq plot bosh per me nga vetem ende tani
        ketu aty eshte jane nuk s ska pak larg afer madhe vogel bukur mrekullueshme qytet
        qytetin fshat fshatin fshatit shtepi shtepine banese lagje lagjen rruge rrugen shkolle
        shkollen kryeqytet qender qendren veri jug lindje perendim ku kur cfare kush si pse
        edhe dhe ose por sepse ka kishte kane kemi do ishin
        privatan privatna privatni javan javna javni zatvoren zatvorena obrisan obrisana
        hakovan blokiran nov nova novi star stara stari dosadan dosadna zanimljiv zanimljiva
        dobar dobra los losa pun puna prazan prazna za sa na u o od do samo jos sada sad tu
        ovde ovdje tamo je su nije ne vrlo jako veoma bas mala mali velika veliki lijepa lepa
        prelepa grad gradu selo selu kuca kuci stan stanu centar centru gdje gde kad sta ko
        kako zasto a ili ali jer daleko blizu odlicna odlican fina ogromna najbolja stvarno
        zaista ima imaju imala imao nema bila bio bilo
        privaten javen izbrisan hakiran dosaden poln prazen so vo uste sega tamu se mnogu
        golemo golema malo ubavo ubava gradot seloto kukja doma centarot kade koga sto koj
        zosto no deka daleku blisku odlicno dobro imase imaat nemaat
        """
    )
)
# Country and region names (stems) after "I live in": saying the country is not private.
COUNTRIES = _words(
    """
    albani shqiperi shqipri shqipni kosov serbi srbij bosn bih hercegovin herzegovin
    crnoj|gori crna|gora mal|te|zi malin|e|zi malit|te|zi montenegr macedoni makedonij
    maqedoni north|macedonia severn evrop europ ballkan balkan gjermani german njemack nemack
    germanij itali greqi greece grck grcij turqi turkey tursk austri zvicer switzerland
    svajcar angli england britain the|uk uk usa the|usa america amerik sweden svedsk suedi
    franc hrvatsk croati kroaci sloven bulgar bugar rumani romani hungar madjar
    """
)
# Towns of the region (stems, so inflected forms match: Beograd, Beogradu; Tiranë, Tiranës).
PLACES = _words(
    """
    tiran durres durrs shkod elbasan vlor korc fier berat lezh kukes gjirokast sarand
    pogradec lushnj kavaj kruj prishtin pristin prizren pej gjakov mitrovic ferizaj gjilan
    vushtrri podujev beograd novi|sad novom|sadu nis kragujev subotic zrenjanin pancev cacak
    kraljev novi|pazar novom|pazaru sarajev banja|luk banjaluk banjoj|luci tuzl zenic mostar
    bihac brck podgoric niksic budv cetinj herceg|novi ulcinj ulqin skopj shkup bitol
    manastir kumanov tetov ohrid prilep strug gostivar veles stip kicev kercov debar dibr
    """
)
PROVIDERS = frozenset(
    _words(
        """
        gmail googlemail yahoo hotmail outlook live msn icloud aol proton protonmail gmx
        yandex mail abv t-com windowslive
        """
    )
)
TLDS = _words(
    """
    com net org info edu gov int eu al xk rs mk ba me hr si bg gr de uk ch io co app dev gg
    tv ly xyz online site ru fr es nl link live shop store blog news tk cc biz
    """
)
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


# Words that turn "street ... 2" into an ordinary sentence ("the street has 2 lights").
ADDRESS_STOP = frozenset(
    _words(
        """
        the a an has have had is are was were will with for to from of in on at and or but
        there this that it its my our your only every each many more than about near
        ka kishte kane kemi eshte jane ishte ishin per ne nga me dhe por qe se deri pa kur ku
        do nuk ska ima imaju nema nemaju je su bila bio bilo za sa na u od do kod kad gde gdje
        ima nema se imase imaat nemaat so vo od kaj koga
        """
    )
)
# Words that describe a school without naming it ("shkolla e mesme", "9-vjecare").
SCHOOL_WORDS = frozenset(
    _words(
        """
        e mesme fillore 9-vjecare vjecare 9 publike private profesionale jopublike bashkuar
        osnovnu srednju osnovna srednja skolu skola os gimnaziju gimnazija ou sou su osnovno
        sredno uciliste ucilisteto the a
        """
    )
)
