"""Word lists the actor finder reads as clues (written by the team from news style).

Closed-class words and small noun lists: where a country name is a place rather than an agent
("talks in Beijing"), which words head a title ("foreign minister"), which nouns stand for a
government ("officials", "troops"), which words open a clause, and so on. The list of words usually
written in lowercase (``data/common_words.txt``) tells capitalized names from sentence-initial words.

Examples
--------
>>> "minister" in TITLE_HEADS and "in" in LOCATIVE
True
>>> verb_like("rejected"), verb_like("minister")
(True, False)
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# Words after which a country or capital is a place, not an agent ("talks in Beijing", "fled to Chad").
LOCATIVE = {"in", "at", "into", "inside", "outside", "throughout", "near", "within", "around", "via", "through", "across",
            "from", "to", "toward", "towards",
            "visit", "visited", "visiting", "visits", "entered", "arrived", "flew", "fled", "landed", "tour", "tours",
            "toured", "touring", "travelled", "traveled", "returned", "based", "born", "stationed", "deployed", "leave",
            "leaves", "leaving", "left", "depart", "departs", "departed", "departing"}
# Compass and area words before a country make it a region, not an agent ("in northern Syria", "north-east Syria").
REGION_WORDS = {"northern", "southern", "eastern", "north-east", "north-eastern", "northeast", "northeastern",
                "north-west", "north-western", "northwest", "northwestern", "south-east", "south-eastern", "southeast",
                "southeastern", "south-west", "south-western", "southwest", "southwestern", "neighbouring",
                "neighboring", "western", "central", "bordering", "facing"}
# Compass points that make a region only when written in lower case ("north London", but "North Korea").
COMPASS_POINTS = {"north", "south", "east", "west"}
# Nouns that make "of <country>" a place or its population: "parts of Syria", "north of Damascus", "out of Iraq",
# "the people of Syria".
PLACE_OF_NOUNS = {"out", "part", "parts", "north", "south", "east", "west", "rest", "area", "areas", "region", "regions",
                  "territory", "territories", "city", "cities", "capital", "province", "provinces", "border", "borders",
                  "outside", "inside", "corner", "corners", "map", "coast", "interior", "heart", "people", "citizens",
                  "residents", "soil", "skies", "streets", "port", "town", "village", "district", "county",
                  # parts and amounts of a country: "one of Italy's worst-hit areas", "half of Syria", "90 pct
                  # of Uganda's exports", "the outskirts of Damascus"
                  "one", "half", "all", "most", "much", "pct", "percent", "per", "majority", "third", "thirds",
                  "two-thirds", "quarter", "swath", "swaths", "size", "outskirts", "suburb", "suburbs", "edge", "tour",
                  # the country as a whole that is rebuilt or kept whole, and a university named after its city:
                  # "the reconstruction of Syria", "the territorial integrity of Iraq", "the University of Vienna"
                  "reconstruction", "destruction", "integrity", "university"}
# Prepositions that attach an employer to a person's role ("an analyst at the Halvard Policy Institute", "director of
# X").
ROLE_PREPOSITIONS = {"of", "at", "for", "from", "in", "with"}
# Words that give a person a role ("was elected chairman of X", "served as head of X", "became director at X").
ROLE_VERBS = {"is", "was", "as", "became", "becomes", "named", "elected", "appointed", "nominated"}
# Speech verbs whose object is the listener ("X told VOA"): the mention after them does not speak.
TELL_VERBS = {"told", "tell", "tells", "telling", "informed", "informing", "briefed", "briefing", "asked", "asking"}
# Military ranks that are also adjectives: alone after "the" or "a" they are the adjective ("the major powers").
ADJECTIVE_RANKS = {"major", "general"}
# Title words that are also adjectives: before a common noun they are not a title ("a major concern", "the general
# area", "the official name", "the chief Brexit negotiator").
ADJECTIVE_TITLES = {"major", "general", "chief", "official", "head", "executive", "principal", "lead", "senior",
                    "deputy", "acting", "special"}
# Words after which "the party", "the bloc" is a place or a setting, not the body acting ("a debate in the party",
# "redistributed across the bloc", "staff have left the company").
ANAPHOR_PLACE_WORDS = {"in", "across", "outside", "into", "at", "among", "throughout", "left", "leave", "leaving"}
# Participles that make a state joined by a hyphen to them an agent ("US-backed rebels", "the US-led coalition").
AGENT_COMPOUND_HEADS = {"backed", "led"}
# Languages that name a broadcaster's service ("told VOA Mandarin", "BBC Persian reported"): the outlet speaks.
SERVICE_LANGUAGES = {"mandarin", "cantonese", "urdu", "pashto", "dari", "farsi", "hindi", "bangla", "swahili",
                     "hausa", "amharic", "tigrinya", "khmer", "burmese", "tibetan", "uyghur"}
# Reflexive pronouns, which may follow a title or name without making it a modifier ("the president himself").
SELF_PRONOUNS = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"}
# Words after which a country is the topic of something, not an agent ("talks over Syria").
TOPIC_PREPOSITIONS = {"over"}
# Verbs and nouns after which "on <broadcaster>" is where someone speaks, not a report ("said on CNN", "speaking on the
# BBC", "in an interview on ABC News").
VENUE_VERBS = {"said", "says", "say", "speaking", "spoke", "speak", "speaks", "appeared", "appearing", "appears",
               "appear", "interview", "interviewed", "broadcast", "aired"}
# Words after a country's possessive that make the country a place or a whole, not an agent: "Syria's borders",
# "Japan's economy", "Britain's biggest union", "Iraq's second city", "Norway's state oil company" (the firm acts).
COUNTRY_ATTRIBUTES = {"economy", "economic", "future", "frontiers", "frontier", "borders", "border", "sovereignty",
                      "debt", "deficit", "ethnic", "weapons", "constitution", "gross", "public", "exports", "imports",
                      "reserves", "inflation", "unemployment", "gdp", "coast", "coastline", "capital", "largest",
                      "biggest", "newest", "oldest", "smallest", "second", "third", "first", "last", "next", "total",
                      "state", "state-owned", "state-run"}
# Words before a preposition that make the country after it a place or a topic, not an agent: "the border with Syria",
# "left for Britain", "the war on Iraq", "a summit on Syria" (but "pressure on Russia", "sanctions on Iran" target it).
PLACE_GOVERNORS = {
    "with": {"border", "borders", "frontier", "frontiers", "boundary"},
    "for": {"left", "leave", "leaves", "leaving", "bound", "headed", "heading", "departed", "departing", "set",
            "sets"},
    "on": {"war", "attack", "attacks", "strike", "strikes", "raid", "raids", "airstrikes", "talks", "policy",
           "policies", "intelligence", "dossier", "report", "announcement", "meeting", "declaration", "summit",
           "summits", "negotiations", "notes", "rhetoric", "views", "debate", "embargo", "ban", "duty", "duties",
           "speech", "conference"},
    "against": {"strikes", "airstrikes"},
}
# Verbs after which "to <country>" addresses the country rather than naming a place ("talking to the U.S.").
ADDRESS_VERBS = {"talk", "talks", "talked", "talking", "speak", "speaks", "spoke", "speaking", "write", "writes", "wrote",
                 "writing", "appeal", "appeals", "appealed", "appealing", "reply", "replied", "respond", "responded",
                 "responding", "listen", "listened", "listening", "complain", "complained", "apologise", "apologised",
                 "apologize", "apologized", "explain", "explained", "signal", "signalled", "signaled", "turned", "turn",
                 "lied", "lying", "pledged", "promised", "offered", "proposed", "conceded", "surrendered", "yielded",
                 "ceded", "caved", "bowed", "protest", "protests", "protested", "protesting", "complains", "objected",
                 "objects", "appeals", "pleaded", "pleads", "petitioned", "lobbied"}
# Words that make the country after "<word> <preposition>" the source or target of pressure, threat, support, relations
# or a gift, not a place: "a growing threat from China", "pressure from Moscow", "closer ties to Beijing", "a gift to
# the U.S.", "a trump card over Washington", "a shift toward Moscow", "a swipe at Washington", "an investigation into
# Russia". Kept to governors whose country was gold in most allowed training cases ("aid to", "sales to", "close to"
# and "officials in" were near or below half).
STANCE_GOVERNORS = {
    "from": {"threat", "threats", "pressure", "pressures", "support", "backing", "response", "responses", "retaliation",
             "reprisals", "reprisal", "assault", "orders", "demand", "demands", "criticism", "opposition", "objections",
             "warning", "warnings", "interference", "separation", "independence", "help", "assistance", "invitation",
             "request", "requests", "message", "messages", "approval", "permission", "condemnation", "protest",
             "protests", "complaint", "complaints", "backlash", "resistance", "blackmail", "intimidation", "coercion",
             "aggression", "hostility", "recognition", "guarantees", "assurances", "concessions", "funding"},
    "to": {"threat", "threats", "challenge", "challenges", "warning", "warnings", "opposition", "ties", "loan", "loans",
           "gift", "gifts", "closer", "closest", "letter", "letters", "ultimatum", "concession", "concessions",
           "loyalty", "allegiance", "disrespectful", "apology", "plea", "overtures", "poses", "posed", "react", "reacted",
           "reacting", "reacts", "counterproductive", "counterweight", "deference", "up"},
    "over": {"card", "leverage", "victory", "edge", "advantage", "concerns", "concern"},
    "toward": {"shift", "tone", "policy", "stance", "attitude", "attitudes", "approach", "goodwill", "aggression",
               "pivot", "overtures", "tilt", "line", "posture", "gestures", "friendlier", "softer", "tougher"},
    "into": {"investigation", "investigations", "inquiry", "inquiries", "probe"},
    "at": {"aimed", "angry", "swipe", "jab", "jabs", "out", "look", "looks", "looking", "looked", "anger", "fury"},
}
STANCE_GOVERNORS["towards"] = STANCE_GOVERNORS["toward"]
# Verbs of giving: the country given to, a few words later, receives ("donated vaccines to Peru", "gave
# tacit support to Turkey").
GIVING_VERBS = {"donated", "donate", "donates", "donating", "gave", "give", "gives", "given", "giving", "handed",
                "lent", "supplied", "provided", "sold"}
# "the government in Kabul": a body seated in the country or capital, which stands for it.
SEAT_NOUNS = {"government", "officials", "authorities", "agencies", "policymakers", "politicians", "backers", "regime",
              "leaders", "leadership", "administration"}
# Places where an institution is a building, not an agent ("a reporter at the White House").
BUILDING_PREPOSITIONS = {"at", "in", "inside", "outside", "to", "from", "near", "into"}
# Last words of institutions that are also buildings or campuses: after "in", "at", "from" ... they are places ("a
# speech at Stanford University", "appeared in the High Court").
PLACE_ORG_HEADS = {"university", "college", "court", "centre", "center"}
# Last words of a firm's legal name ("Nabisco Brands Inc", "Hitachi Ltd"; not "Corp": "News Corp reported").
COMPANY_SUFFIXES = {"inc", "ltd", "co", "plc", "llc"}
# Words of institutions named after their building or place, which are places after those prepositions.
BUILDING_NAME_WORDS = ("house", "street", "palace", "kremlin", "pentagon", "élysée", "elysee", "westminster",
                       "capitol")
# Prepositions after which an international body is a territory ("outside the EU").
ORG_PLACE_PREPOSITIONS = {"in", "inside", "outside", "within", "into", "across", "throughout", "join", "joining", "joined",
                          "entering", "enter", "leave", "leaving", "left"}
# Core nouns of a title or role; a run of title words must contain one of these.
TITLE_HEADS = {
    "president", "minister", "secretary", "secretary-general", "chancellor", "king", "queen", "prince", "princess",
    "emir", "sheikh", "sultan", "speaker", "ambassador", "envoy", "chairman", "chairwoman", "chair", "chairperson",
    "chief", "commander", "general", "gen", "lt", "col", "adm", "maj", "capt", "sgt", "sen", "senator", "rep",
    "representative", "gov", "governor", "mayor", "judge", "justice", "pope", "ayatollah", "leader", "spokesman",
    "spokeswoman", "spokesperson", "premier", "director", "director-general", "head", "commissioner", "mr", "mrs", "ms",
    "dr", "president-elect", "lawmaker", "legislator", "parliamentarian", "mp", "adviser", "advisor", "negotiator",
    "diplomat", "prosecutor", "official", "coordinator", "rapporteur", "vice-president", "vice-chancellor",
    "lieutenant", "colonel", "admiral", "marshal", "mufti", "imam", "rabbi", "cardinal", "archbishop", "bishop",
    "patriarch", "attorney", "founder", "executive", "ceo", "activist", "candidate", "nominee", "councillor",
    "councilor", "deputy", "sergeant", "captain", "major", "journalist", "analyst", "expert", "researcher",
    "associate", "co-author", "specialist",
    "professor", "scientist", "economist", "lawyer", "counsel", "historian", "scholar", "editor", "correspondent",
    "reporter", "counterpart", "officer", "commentator", "strategist", "consultant", "campaigner", "organizer",
    "organiser", "administrator", "manager", "member", "fellow", "lecturer", "author", "governor-general", "regent",
    "cleric", "monarch", "dictator", "caliph", "warlord", "militant", "commandant", "aide", "minister-president",
    "mediator", "inspector", "superintendent", "auditor", "ombudsman", "delegate", "emissary", "attaché", "consul",
    "magistrate", "congressman", "congresswoman", "co-chairman", "co-chairwoman", "co-chair", "co-leader", "co-founder",
}
# Verbs of reporters' credit lines ("Ham Ji-ha contributed to this report"): the reporter is not an actor.
CREDIT_VERBS = {"contributed", "contributes", "reported", "reports", "wrote", "writes", "edited", "reporting"}
# Short titles that only ever precede a person's name, so "Mr. Stone" or "Sen. Young" is a person though
# "stone" and "young" are ordinary words.
# Titles of peers, whose "of <place>" is part of the name ("Lord Irvine of Lairg", "the Duke of Edinburgh").
PEERAGE_TITLES = {"lord", "lady", "baron", "baroness", "duke", "duchess", "earl", "countess", "viscount", "marquess"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "col", "gen", "sgt", "capt", "adm", "maj"}
# Last words of newspaper names, which news uses alone after "the" ("the Times reported", "told the Guardian").
NEWSPAPER_NAMES = {"Times", "Post", "Journal", "Telegraph", "Guardian", "Herald", "Tribune", "Observer", "Independent",
                   "Mail", "Express", "Economist", "Globe", "Chronicle", "Mirror", "Spectator", "Intercept", "Hindu"}
# Words that may join title heads in a title run ("Foreign Minister", "Secretary of State", "army chief").
TITLE_MODIFIERS = {
    "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "trade", "health", "economy", "economic",
    "justice", "state", "of", "the", "for", "and", "deputy", "acting", "former", "interim", "special", "supreme",
    "crown", "high", "national", "security", "press", "opposition", "army", "military", "top", "senior", "chief",
    "general", "attorney", "energy", "environment", "climate", "agriculture", "education", "labor", "labour",
    "home", "treasury", "foreign-affairs", "affairs", "intelligence", "police", "party", "union", "rebel", "militia",
    "government", "presidential", "parliamentary", "majority", "minority", "senate", "house", "cabinet", "u.n.",
    "un", "eu", "nato", "white", "kremlin", "pentagon", "ministry", "department", "office", "agency", "council",
    "commission", "committee", "legal", "human", "rights", "u.s.", "us", "regional", "provincial", "local", "lead",
    "chief-of-staff", "staff", "commerce", "transport", "culture", "information", "communications", "veteran",
    "longtime", "new", "outgoing", "incoming", "then", "powerful", "influential", "hardline", "conservative",
    "liberal", "centrist", "far-right", "far-left", "populist", "nationalist", "republican", "democratic",
    "democrat", "independent", "spy", "navy", "air", "force", "border", "migration", "water", "digital",
    "political", "policy", "foreign-policy", "trade-policy", "emergency", "humanitarian", "prominent", "leading",
    "research", "investigative", "veteran", "retired", "former", "ruling", "exiled", "jailed", "detained",
    "opposition", "student", "union", "labor", "business", "industry", "finance", "tax", "defense-policy",
    "shadow", "administration", "campaign", "lord", "prospective",
}
# Last words of organization names ("Coastal Farmers Union", "Ministry of Health").
#: Words after which a subject pronoun opens a new clause ("..., and they said", "warned that they would").
CLAUSE_OPENERS = {",", "and", "but", "that", "because", "as", "so", "if", "when", "while", "although", "though",
                  "since", "unless", "until", '"', "\u201c", "said", "say", "says", "added", "warned", "insisted"}

#: Nouns that, a few words after a name, describe the named body itself ("the OPCW chemical weapons watchdog").
DESCRIPTOR_HEADS = {"watchdog", "group", "organisation", "organization", "agency", "militia", "movement", "party",
                    "regulator", "body", "alliance", "network", "faction", "outfit", "broadcaster", "newspaper"}

ORG_WORDS = {
    "party", "union", "council", "ministry", "front", "movement", "army", "forces", "force", "center", "centre",
    "institute", "association", "committee", "commission", "agency", "bank", "court", "group", "alliance",
    "federation", "organization", "organisation", "league", "coalition", "congress", "assembly", "parliament",
    "senate", "government", "office", "department", "authority", "network", "foundation", "brigade", "brigades",
    "militia", "guard", "guards", "police", "corporation", "company", "bureau", "service", "tribunal", "board",
    "cabinet", "secretariat", "mission", "watch", "fund", "society", "confederation", "syndicate", "caucus", "junta",
    "administration", "regime", "command", "navy", "times", "post", "news", "press", "television", "radio",
    "observatory", "initiative", "forum", "partnership", "ministries", "unions", "parties", "rebels",
    "directorate", "inspectorate", "chamber", "cooperative", "collective", "trust", "campaign", "diocese", "archdiocese",
    "consortium", "guild", "brotherhood", "church", "commissariat", "council", "ngo", "institution",
    "university", "academy", "program", "programme", "corps", "unit", "units", "battalion", "division", "regiment",
    "militias", "factions", "faction", "bloc", "assembly", "senate", "parliament", "legislature", "court",
}
# Lower-case nouns that say what kind of body the name right after them is ("rights group SaferNet Brasil", "refiner
# Reliance Industries", "the socialist party Vooruit", "French start-up Mistral AI") or right before them ("the
# Perikatan Nasional bloc said").
ORG_DESCRIPTORS = {"group", "party", "company", "firm", "start-up", "startup", "refiner", "carmaker", "automaker",
                   "chipmaker", "miner", "operator", "union", "federation", "bloc", "coalition", "alliance",
                   "movement", "organisation", "organization", "network", "lobby", "association", "agency",
                   "broadcaster", "lender", "insurer", "airline", "developer", "watchdog", "regulator", "charity",
                   "ngo", "militia", "conglomerate", "giant", "producer", "maker", "exporter", "utility", "platform",
                   "outlet", "think-tank", "consultancy", "shipper", "supplier", "manufacturer"}
# Words that describe a person and may be written capitalized right before the name ("Republican Winsome
# Earle-Sears", "Rival Peter Varga" at a sentence start): not part of the name.
PERSON_DESCRIPTORS = {"republican", "democrat", "democratic", "conservative", "labour", "liberal", "socialist",
                      "communist", "rival", "veteran", "incumbent", "challenger", "populist", "nationalist", "centrist",
                      "leftist", "billionaire", "tycoon", "businessman", "businesswoman", "dissident", "outgoing",
                      "jailed", "exiled", "ousted", "embattled", "hardline", "reformist", "fellow", "independent"}
GROUP_WORDS = {"rebels", "militia", "militias", "movement", "front", "brigade", "brigades", "army", "forces", "guard",
               "guards", "junta", "brotherhood", "faction", "factions", "corps", "battalion"}
# Capitalized words that do not start a name (sentence openers, months, days, ...).
NOT_NAMES = {
    "the", "a", "an", "but", "and", "or", "if", "in", "on", "at", "for", "of", "to", "from", "by", "with", "after",
    "before", "as", "while", "when", "since", "though", "although", "because", "during", "despite", "under", "over",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "my", "your", "there", "here", "what", "who", "why", "how", "where", "which", "some", "many", "most",
    "several", "all", "both", "each", "one", "two", "three", "no", "not", "yes", "also", "still", "yet", "meanwhile",
    "however", "instead", "later", "earlier", "now", "then", "last", "next", "first", "new", "more", "less", "such",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "officials", "talks", "analysts", "critics",
    "residents", "witnesses", "protesters", "reporters", "experts", "people", "thousands", "hundreds", "dozens",
    "asked", "speaking", "according", "read", "related", "updated", "breaking", "exclusive", "analysis", "opinion",
    "wire", "let", "do", "does", "did", "can", "will", "would", "should", "could", "must", "might", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "so", "only", "just", "even", "once", "until", "unless",
    "whether", "about", "above", "below", "between", "among", "against", "without", "within", "through", "into",
    "upon", "amid", "across", "along", "around", "behind", "beyond", "state", "united", "human", "rights", "sources",
    "security", "god", "allah", "internet", "covid", "covid-19", "christmas", "ramadan", "easter", "islam",
    "muslims", "christians", "jews", "western", "eastern", "northern", "southern", "central", "north", "south",
    "east", "west", "ai", "x",
}
# Words in NOT_NAMES that may begin an organization's name ("Human Rights Campaign", "Central Bank", "New Democratic
# Party").
NAME_WORDS = {"state", "united", "human", "rights", "security", "western", "eastern", "northern", "southern", "central",
              "north", "south", "new", "first", "national"}
PARTICLES = {"of", "the", "for", "and", "de", "del", "da", "dos", "das", "do", "bin", "bint", "ibn", "van", "von", "der",
             "den", "al", "el", "du", "la", "le", "y", "&", "ben", "abu"}
# Two-word particles inside a name ("Ursula von der Leyen", "Pieter van den Berg", "Tom de la Mare").
NAME_PARTICLE_PAIRS = {"von": {"der", "den"}, "van": {"der", "den", "de"}, "de": {"la", "le"}, "da": {"la"}}
# Speech and stance verbs that make an adjacent capitalized name a speaker ("Gallagher added", "said Bagci").
SPEECH_VERBS = {
    "said", "says", "told", "added", "stated", "noted", "wrote", "tweeted", "posted", "announced", "argued",
    "insisted", "warned", "urged", "called", "demanded", "rejected", "denied", "criticized", "criticised",
    "condemned", "welcomed", "praised", "backed", "accused", "threatened", "vowed", "declined", "refused",
    "expressed", "signaled", "signalled", "proposed", "asked", "appealed", "pledged", "promised", "dismissed",
    "blamed", "endorsed", "supported", "agreed", "offered", "acknowledged", "confirmed", "claimed", "reported",
    "responded", "replied", "countered", "cautioned", "suggested", "hailed", "slammed", "lashed", "voiced",
    "explained", "emphasized", "emphasised", "stressed", "recalled", "predicted", "believes", "thinks", "wants",
    "hopes", "fears", "estimated", "observed", "remarked", "concluded", "admitted", "conceded", "testified",
    "say", "believe", "suggest", "argue", "warn", "note", "fear", "expect", "estimate", "predict", "contend",
}
# Verbs that introduce a quote, also as participles ("..., saying: \"We will not leave.\"").
QUOTE_VERBS = SPEECH_VERBS | {"saying", "adding", "telling", "writing", "insisting", "warning", "arguing", "noting",
                              "declaring", "asking", "stating", "explaining", "tweeting", "replying", "describing"}
AUXILIARIES = {"will", "would", "could", "can", "may", "might", "must", "should", "has", "have", "had", "is", "was",
               "are", "were", "did", "does", "do", "also", "later", "then", "on", "last", "still", "has", "had", "cannot"}
GROUP_NOUNS_COUNTRY = {"officials", "government", "authorities", "diplomats", "leaders", "negotiators", "lawmakers",
                       "ministers", "leadership", "delegation", "side", "regime", "administration", "envoys"}
# The people of a country named by its demonym, as one group ("Turkish officials", "European diplomats").
COUNTRY_PEOPLE = {"officials", "diplomats", "leaders", "negotiators", "lawmakers", "ministers", "envoys"}
# The people of a body, which they stand for ("Labour members", "the NSC staff", "FBI agents", "a Tory source", "the
# U.N. mission", "the U.S. embassy"), or a relative "whose": no modifier use of the name.
MEMBER_NOUNS = {"members", "staff", "agents", "source", "sources", "colleagues", "team", "mission", "embassy",
                "opposition", "activists", "advisers", "investigators", "senators", "insiders", "whose", "mps"}
# The media of a country, which report and claim ("Iranian media reported", "Syrian state television said", "according
# to Japanese press reports"), with the words that may stand between ("Chinese state media"); not "press conference".
MEDIA_NOUNS = {"media", "press", "newspapers", "television", "tv", "outlets"}
MEDIA_QUALIFIERS = {"state", "official", "government", "local", "mainstream", "national", "news", "media"}
NOT_AFTER_PRESS = {"conference", "conferences", "release", "releases", "freedom", "secretary", "office", "briefing",
                   "officer", "attache", "corps", "pool", "gallery"}
GROUP_NOUNS_FORCES = {"forces", "troops", "military", "army", "soldiers", "navy", "militaries"}
# Armed or political groups of a people, never a modifier ("Syrian rebels", "Iranian militias", "Kurdish groups").
GROUP_NOUNS_ARMED = {"rebels", "militias", "militants", "fighters", "mercenaries", "jihadists", "groups"}
# Generic actors written without a name ("the government", "Police said") and anaphors for named ones ("the group").
GENERIC_NOUNS = {"government": "organization", "army": "organization", "military": "organization",
                 "police": "organization", "opposition": "group", "rebels": "group", "authorities": "organization",
                 "junta": "group", "cabinet": "organization", "parliament": "organization", "militants": "group",
                 "insurgents": "group", "security forces": "group", "armed forces": "organization",
                 "administration": "organization", "regime": "organization", "presidency": "organization",
                 "ministers": "group", "mps": "group", "lawmakers": "group", "legislators": "group",
                 "prosecutors": "organization", "officials": "group", "analysts": "group", "experts": "group",
                 "security sources": "group"}
# Groups that act or speak without a name ("Critics say...", "protesters said"): GUIDELINES §1, "collective groups".
SPEAKING_GROUPS = {"critics": "group", "diplomats": "group", "protesters": "group", "demonstrators": "group",
                   "activists": "group", "campaigners": "group", "groups": "group", "agencies": "group",
                   "jihadists": "group", "traders": "group", "economists": "group", "bankers": "group",
                   "dealers": "group", "brokers": "group", "aides": "group", "councils": "group", "senators": "group",
                   "governments": "group", "commentators": "group", "unions": "group", "opponents": "group",
                   "supporters": "group", "lawyers": "group", "judges": "group", "farmers": "group",
                   "doctors": "group", "teachers": "group", "miners": "group", "terrorists": "group",
                   "gunmen": "group", "attackers": "group", "hijackers": "group", "assailants": "group",
                   "kidnappers": "group", "militias": "group"}
GENERIC_NOUNS.update(SPEAKING_GROUPS)
# People of a country or region named by a demonym and what they do, who act or speak as one group ("Turkish farmers
# warned", "Israeli protesters blocked", "European carmakers said"): the speaking groups and the trades that lobby.
DEMONYM_GROUP_NOUNS = {*SPEAKING_GROUPS, "mediators", "exporters", "importers", "producers", "manufacturers",
                       "carmakers", "automakers", "steelmakers", "banks", "lenders", "insurers", "airlines", "retailers",
                       "businesses", "employers", "investors", "truckers", "fishermen", "workers", "students",
                       "nurses", "prosecutors", "officers", "conservatives", "liberals", "nationalists", "voters",
                       "industry", "winemakers", "growers"}
# Generic nouns that are also adjectives: before a noun they qualify it ("the military operation", "its military
# wing").
GENERIC_ADJECTIVES = {"military"}
# Verbs whose object "the government" is the machinery of the state, not an actor ("reopen the government", "keep the
# government funded", "shut down the government").
MACHINERY_VERBS = {"reopen", "re-open", "reopened", "reopening", "reopens", "fund", "funded", "funding", "funds",
                   "shut", "shutting", "shuts", "keep", "kept", "keeping", "keeps", "close", "closed", "closing",
                   "closes", "down"}
# Generic nouns that name an office, an actor only when it speaks ("won the presidency"; "the presidency said").
OFFICE_NOUNS = {"presidency"}
# Armed services a person serves in ("served in the army", "gays serving openly in the military"): there the service
# is where the person works, not a body that acts.
ARMED_SERVICES = {"military", "army", "navy"}
SERVICE_WORDS = {"serve", "serves", "served", "serving", "service"}
# Generic nouns that are also stance nouns: "its opposition to the plan" is a stance, and before a title the noun
# qualifies a person ("opposition leader Ana Ruiz", "the opposition leader").
STANCE_NOUNS = {"opposition"}
# Unnamed informants and the community of states: "the sources said", "the source added", "the international community".
GENERIC_NOUNS.update({"sources": "group", "source": "group", "international community": "group"})
GENERIC_NOUNS["leaders"] = "group"
BARE_GENERIC = {"police", "leaders", "ministers", "mps", "lawmakers", "legislators", "prosecutors", "rebels", "militants",
                "security forces", "officials", "analysts", "experts", "security sources", "authorities", *SPEAKING_GROUPS}
# Generic groups named without the home country ("Analysts", not "British analysts").
STATELESS_GROUPS = {"leaders", "analysts", "experts", "security sources", "sources", "source", "international community",
                    *SPEAKING_GROUPS}
ANAPHOR_NOUNS = {"group", "party", "council", "commission", "bloc", "alliance", "organization", "organisation",
                 "agency", "company", "ministry", "court", "militia", "movement", "union", "committee", "coalition",
                 "federation", "association", "network", "institute", "board", "tribunal", "body", "watchdog",
                 "kremlin", "pentagon", "channel", "broadcaster", "outlet", "newspaper", "agency", "fund", "bank",
                 "department", "panel", "bureau", "paper", "magazine"}
FAMILY_NAME_FIRST = {"China", "North Korea", "South Korea", "Taiwan", "Vietnam", "Cambodia", "Hungary"}
HIGH_OFFICES = {"president", "prime minister", "chancellor", "foreign minister", "defence minister", "defense minister",
                "king", "queen", "premier", "supreme leader", "secretary of state", "interior minister", "finance minister",
                "vice president", "crown prince", "emir"}
WEAK_AUXILIARIES = {"is", "was", "be", "are", "were", "will", "would", "could", "can", "may", "might", "must", "should",
                    "has", "had", "have", "seems", "seemed", "remains", "remained", "appears", "appeared"}
# One word of each generic or anaphoric noun (the last: "forces" for "security forces"): a sentence without any of
# them has no generic actor, and the finder skips it.
GENERIC_WORDS = frozenset(noun.split()[-1] for noun in list(GENERIC_NOUNS) + list(ANAPHOR_NOUNS) + list(BARE_GENERIC))
# "The country has set", "warned that the nation would": the state named last, when it is the subject (GUIDELINES §3).
COUNTRY_ANAPHORS = {"country", "nation"}
GENERIC_WORDS_WITH_POSSESSIVES = GENERIC_WORDS | COUNTRY_ANAPHORS | {word + ending for word in GENERIC_WORDS
                                                  for ending in ("'s", "\u2019s", "'", "\u2019")}  # "the government's"
PRONOUNS = {"he", "she"}
PLURAL_PRONOUNS = {"they"}
# Plural nouns for people in general that "they" often refers to (not actors by themselves).
PLURAL_PEOPLE = {"people", "men", "women", "children"}
NEUTER_PRONOUNS = {"it"}
# Words after "it <auxiliary> not" that make "it" an empty subject ("It is not clear", "it was not immediately known",
# "It does not mean", "it would not be easy"), not a body that refuses ("it would not attend").
EXPLETIVE_PREDICATES = {"clear", "known", "immediately", "possible", "likely", "certain", "be", "appear", "seem",
                        "mean", "hard", "easy", "difficult", "true", "surprising", "necessary", "that", "because",
                        "too", "a", "an", "all", "the", "going", "enough", "just", "only"}
# A subject pronoun written together with its verb: "they're" is "they" + "are", "He'll" is "he" + "will".
CLITICS = {"s": "is", "re": "are", "ll": "will", "d": "would", "ve": "have", "m": "am"}
PRONOUN_CONTRACTIONS = {f"{pronoun}{apostrophe}{clitic}": (pronoun, verb)
                        for pronoun in ("i", "we", "they", "he", "she", "it") for apostrophe in ("'", "\u2019")
                        for clitic, verb in CLITICS.items()}
POSSESSIVE = re.compile(r"['\u2019]s?$")
REPORTING_NOUNS = {"analysis", "report", "reports", "review", "investigation", "survey", "poll", "interview", "tally",
                   "count", "statement", "statements", "assessment", "estimate", "estimates", "findings", "study"}
FUNCTION_WORDS = {"and", "or", "nor", "to", "for", "on", "in", "with", "at", "of", "itself", "that", "which", "who", "by",
                  "over", "after", "before", "as", "from", "about", "against", "under", "into", "but", "if", "than",
                  "while", "when", "because", "since", "until", "also", "not", "never", "already", "again", "this",
                  "last", "next", "earlier", "later", "alone", "instead", "too", "itself", "themselves", "a", "an", "the",
                  "it", "he", "she", "they", "we", "i", "you", "there", "now", "then", "still", "so"}
# Last words of names of places and buildings named after people ("Trump Tower", "the Reagan National Airport").
PLACE_NAME_HEADS = {"tower", "towers", "hotel", "plaza", "street", "avenue", "square", "building", "airport", "bridge",
                    "center", "centre", "memorial", "stadium", "hall", "park", "road", "boulevard", "library",
                    "hospital", "museum", "highway", "school", "college"}
# People named in apposition after their relation to someone ("His lawyer, ...", "her sister, Sara Smith,").
RELATIVE_NOUNS = {"mother", "father", "wife", "husband", "son", "daughter", "brother", "sister", "fiancee", "fiance",
                  "fiancée", "friend", "rival", "partner", "successor", "predecessor", "colleague", "boss", "ally",
                  "widow", "uncle", "aunt", "cousin", "nephew", "niece", "grandmother", "grandfather", "girlfriend",
                  "boyfriend", "opponent", "challenger"}
APOSTROPHES = {"'", "\u2019"}
DASHES = {"-", "\u2014", "\u2013", "--"}


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words usually written in lowercase (``stance/data/common_words.txt``, built by ``python -m training.wordlist``)."""
    path = Path(__file__).parent / "data" / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


# Verbs of thinking and wanting that are rarely nouns ("experts think", "analysts see", "they know"): the stance cues
# hold most verbs a subject can take, but not these plain forms.
COGNITION_VERBS = {"think", "see", "sees", "know", "knows", "want", "feel", "feels", "seem", "seems", "understand",
                   "understands", "recognise", "recognises", "recognize", "recognizes", "remain", "remains", "wish"}


@functools.lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    from .features import CUES

    forms = set(SPEECH_VERBS) | AUXILIARIES | COGNITION_VERBS
    for cue_forms in CUES.values():
        forms |= {f for f in cue_forms if " " not in f}
    return frozenset(forms)


# Words that open a subordinate clause, whose subject may follow ("because Moscow fears", "that Isis controls").
SUBORDINATORS = {"that", "because", "as", "if", "when", "while", "since", "although", "though", "unless", "until",
                 "where", "whereas", "but"}
# Bodies named by one word, of the story's country ("the House passed", "approved by Parliament", "the Treasury's
# forecasts"): whether "the" comes before the word, and the gazetteer id by the story's home country (None: any other
# or none). "Parliament" has no ids: it is the home country's parliament.
HOME_INSTITUTIONS = {
    "House": (True, {"United Kingdom": "house_of_commons", None: "us_house_of_representatives"}),
    "Treasury": (True, {"United Kingdom": "hm_treasury", None: "us_treasury_department"}),
    "Commons": (True, {None: "house_of_commons"}),
    "Lords": (True, {None: "house_of_lords"}),
    "Parliament": (False, {}),
    "parliament": (False, {}),
}
# Words before a bare "Parliament" that make it a term, not the body ("a hung parliament", "the next parliament",
# "dissolve parliament").
NOT_BEFORE_PARLIAMENT = {"a", "an", "the", "this", "its", "their", "his", "her", "our", "next", "last", "new",
                         "hung", "dissolve", "dissolved", "dissolving", "recall", "recalled"}
# Words that start an object or infinitive: after "<name> <word in -s>" they make the -s word a verb ("China brings
# a threat", "Moscow wants to talk"), not a plural noun ("EU pork imports rose").
OBJECT_STARTERS = {"a", "an", "the", "its", "his", "her", "their", "to", "that", "it", "them", "him", "us", "no"}
# Adverbs (and adjectives of blame) that may follow a name that is an agent or object ("fought Isis together", "Russia
# alone", "hold Iran accountable"); words in -ly are adverbs too unless listed in LY_NOUNS ("the EU family", "a U.S.
# ally").
ADVERBS = {"together", "again", "alone", "too", "instead", "first", "later", "earlier", "soon", "now", "then", "still",
           "either", "anyway", "yet", "ahead", "back", "away", "abroad", "already", "also", "often", "last", "once",
           "further", "only", "alike", "however", "meanwhile", "thus", "therefore", "nevertheless", "nonetheless",
           "accountable", "responsible", "both", "even"}
# Plurals whose stem is also a verb but that after "the <name>" are nouns ("the Iran arms deal").
NOUN_PLURALS = {"arms"}
LY_NOUNS = {"family", "assembly", "ally", "supply", "rally", "reply", "monopoly", "anomaly", "bully", "july", "italy",
            "fly", "jelly", "belly", "folly", "tally", "lily", "holly", "melancholy"}
# Irregular past tenses: "Hamas lost", "Isis fought", "the ministry sent", which do not end in -ed (forms that are
# also common nouns, "cut", "bid", "cost", "set", are left out: "an EU bid").
IRREGULAR_PAST = frozenset("""
arose ate beat became began bent bit bled blew bore bought broke brought built burnt caught chose clung came crept
dealt did drew dreamt drove drank dug fed fell fled flew fought forbade foresaw forgave forgot forsook froze gave got
grew hung heard held hid kept knelt knew laid led leapt learnt left lent lost made meant met mistook overcame
overheard overran overrode oversaw overthrew overtook paid ran rang rebuilt redrew retook rewrote rode sank sang sat
sent shone shook showed shrank shut slept slid sold sought spent spoke sprang stood stole stuck stung strove struck
swept swore swam swung taught told took tore threw understood undertook underwent upheld wept went withdrew withheld
withstood won wore wrote put let quit
""".split())


def verb_like(word: str) -> bool:
    return word in verb_forms() or (word.endswith("ed") and len(word) > 3) or word in IRREGULAR_PAST


# Base forms of common irregular verbs, whose past tense does not end in -ed ("demanded that Berlin take", "the Tories
# set the agenda"), and irregular pasts that are also nouns ("Washington saw an opening"); regular base forms are
# known by their -ed form in the common words.
IRREGULAR_BASES = frozenset("""
be become begin bring build buy choose come cut draw fall fight find get give go grow hear hit hold keep lead let
lose make meet pay put quit run say see seek sell send set shut spend stand strike take tell throw win withdraw write
saw felt found
""".split())


# Verbs of seeing, letting and helping whose object may take a bare or -ing verb ("seen China rolling out", "help
# Pakistan pay for", "let the Tories take").
CAUSATIVE_VERBS = {"see", "sees", "saw", "seen", "seeing", "watch", "watched", "watching", "let", "lets", "letting",
                   "make", "makes", "made", "making", "help", "helps", "helped", "helping", "have", "has", "had",
                   "having", "hear", "heard"}


@functools.lru_cache(maxsize=8192)
def plain_verb_like(word: str) -> bool:
    """'remove', 'change', 'take', 'rolling': a base or -ing form of a verb (also nouns like 'ban' or 'funding', so
    only trusted where a verb is expected)."""
    if word in IRREGULAR_BASES or (word.endswith("ing") and len(word) > 5):
        return True
    if not word.isalpha() or len(word) < 3 or word.endswith(("s", "ed")):
        return False
    words = common_words()
    return word + "ed" in words or (word.endswith("e") and word + "d" in words) or word + word[-1] + "ed" in words \
        or (word.endswith("y") and word[:-1] + "ied" in words)


def present_verb_like(word: str) -> bool:
    """'weighs', 'sends', 'bans' right after a name in a headline."""
    return verb_like(word) or (word.endswith("s") and not word.endswith(("ss", "us", "is", "ics", "ous")) and len(word) > 3)
# State institutions named by their field after a country ("China's foreign ministry", "the Russian defence
# ministry", "Brazil's top electoral court", "Turkey's central bank"): the head noun and the words that may come
# before it; words that only describe one are not part of its name ("top"); the role words after one that make a
# person the actor ("foreign ministry spokesman Wang Wenbin").
MINISTRY_FIELDS = {"foreign", "defence", "defense", "interior", "health", "finance", "trade", "commerce", "justice",
                   "economy", "economic", "education", "agriculture", "energy", "environment", "information", "culture",
                   "labour", "labor", "transport", "industry", "home", "external", "affairs", "emergencies",
                   "emergency", "situations", "intelligence", "security", "public", "oil", "petroleum", "water",
                   "housing", "tourism", "immigration", "communications", "religious", "planning", "development",
                   "digital", "war", "women's", "family", "social", "welfare", "national", "science", "technology"}
DESCRIPTIVE_FIELD_WORDS = {"top", "highest"}
INSTITUTION_FIELDS = {
    "ministry": MINISTRY_FIELDS,
    "court": {"supreme", "top", "high", "highest", "constitutional", "electoral", "election", "federal", "military",
              "appeals", "appellate", "criminal", "administrative", "national", "special", "revolutionary"},
    "bank": {"central", "national", "reserve"},
    "commission": {"election", "electoral", "human", "rights", "national", "anti-corruption", "securities",
                   "independent"},
    # named by the noun alone ("Mongolia's parliament", "the Jordanian parliament", "Israel's cabinet")
    "parliament": {"national"},
    "legislature": {"national"},
    "cabinet": set(),
    "police": {"national", "federal", "state", "riot", "military", "border"},
    "junta": {"military", "ruling"},
    "embassy": set(),
    "opposition": {"main", "parliamentary"},
}
BARE_INSTITUTIONS = {"parliament", "legislature", "cabinet", "police", "junta", "embassy", "opposition", "court"}
# Institutions written in lower case after their country, and the one that is a group ("Kenyan police", "the Malian
# junta", "the Georgian opposition"); a court without a field is one too ("a Zimbabwean court").
LOWERCASE_INSTITUTIONS = {"police", "junta", "opposition"}
# Nouns an institution's name qualifies, which do not end in -s ("the Israeli cabinet meeting", "a parliament seat").
INSTITUTION_COMPOUND_NOUNS = {"meeting", "session", "building", "seat", "member", "election", "reshuffle", "decision",
                              "approval", "minister", "secretary", "office", "chamber"}
INSTITUTION_FIELD_WORDS = set().union(*INSTITUTION_FIELDS.values())
INSTITUTION_ROLE_WORDS = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources",
                          "spokespeople", "representative", "representatives", "adviser", "advisor", "judge",
                          "judges", "justice", "justices", "governor", "chief", "head", "president"}
# The people of a body after its name, as one group ("EU leaders", "Labour MPs", "NATO foreign ministers", "UN
# officials"), with the words that may stand between.
BODY_MEMBERS = {"leaders", "officials", "lawmakers", "mps", "members", "ministers", "diplomats", "legislators",
                "senators", "delegates", "negotiators", "envoys", "representatives", "councillors", "councilors",
                "politicians", "deputies", "peers", "candidates", "commissioners", "governments"}
MEMBER_MODIFIERS = {"foreign", "defence", "defense", "finance", "trade", "interior", "health", "energy",
                    "agriculture", "economy", "senior", "top", "party", "state", "member"}
