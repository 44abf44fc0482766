"""English language data: word lists, month and number names, titles, regex fragments.

One definition of each, read by the generator's stages and rules and by the grader, the way
spaCy keeps a language's data in spacy/lang/en/ (and a few predicates over a word's shape, as
its lex_attrs.py keeps `like_num`). Plain data and `re` only: the web app's grader imports this
module, and it must not pull in spaCy.
"""

from __future__ import annotations

import re

# fmt: off
# --- Months and days ----------------------------------------------------------------------

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
MONTH_ABBREVIATIONS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
    "Oct": "October", "Nov": "November", "Dec": "December",
}
# Full names first, then the abbreviations.
MONTHS = [*MONTH_NAMES, *MONTH_ABBREVIATIONS]
# "january" -> 1, "sept" -> 9: every spelling of a month, lower case, to its number.
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{
        short.lower(): MONTH_NAMES.index(full) + 1
        for short, full in MONTH_ABBREVIATIONS.items()
    },
}
WEEKDAYS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]
# Capitalised words that are no name: "I", months and days.
NOT_NAMES = frozenset(["I", *MONTHS, *WEEKDAYS])

# --- Numbers ------------------------------------------------------------------------------

# Spelled numbers, index = value (the distractors and the giveaway filters read them).
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]
TENS = {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Every number word's value: "two" -> 2, "forty" -> 40.
NUMBER_VALUES = {**{word: value for value, word in enumerate(NUMBER_WORDS)}, **TENS}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
# What a number blank may hold besides digits: number words, fractions, multiples.
AMOUNT_WORDS = frozenset(
    [*NUMBER_WORDS, "hundred", "thousand", "million", "billion", "trillion", "dozen", "half"]
    + ["third", "quarter", "thirds", "quarters", "twice", "double", "triple", "single"]
)
# Words that say a small number another way ("double bond", "diatomic"): regex alternations.
MULTIPLES = {
    "two": r"double|doubly|twice|pair|paired|dual|twin|diatomic",
    "three": r"triple|triply|thrice|trio|triad|triatomic",
    "four": r"quadruple|quartet",
}

# --- Years --------------------------------------------------------------------------------

# A four-digit year from 1000 to 2099.
YEAR_DIGITS = r"(?:1[0-9]{3}|20[0-9]{2})"
# A year or a decade as a word ("1969", "1960s").
YEAR = re.compile(rf"\b{YEAR_DIGITS}s?\b")
# A year not inside a longer number ("19690" holds none).
YEAR_ALONE = re.compile(rf"(?<!\d){YEAR_DIGITS}(?!\d)")
# A span of two years and nothing else ("1271–1368").
YEAR_SPAN = re.compile(rf"^{YEAR_DIGITS}\s*[-–—]\s*{YEAR_DIGITS}$")

# Participles that make a date a plan's, not a past event's ("planned for 2030", "is
# expected in 2031").
PLAN_PARTICIPLES = (
    "planned", "expected", "scheduled", "intended", "proposed", "hoped", "aimed", "slated",
    "projected", "forecast", "predicted", "targeted", "due", "set",
)  # fmt: skip

# --- Names, titles and the words around them ------------------------------------------------

ARTICLES = frozenset({"a", "an", "the"})
# A capitalised word: a name's word, or a sentence's first word.
NAME_WORD = re.compile(r"\b[A-Z][\w’'-]+")
# A word with its apostrophes and hyphens ("Skłodowska-Curie", "Levi's").
WORD_TOKEN = re.compile(r"[\w’'-]+")
# A word without the quotation marks around it ("'ferry'" -> "ferry").
PLAIN_WORD = re.compile(r"\w(?:[\w’'-]*\w)?")
# A short acronym ("UN", "HCB").
ACRONYM = re.compile(r"[A-Z]{2,3}")
# A quotation in double quotes, straight or curly: words the writer reports, not states.
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# Words that stand before a name as a title or rank; the name after them is a person.
TITLES = frozenset(
    [
        "President", "Vice-President", "Premier", "Prime", "Minister", "Chancellor", "Secretary",
        "Senator", "Governor", "Mayor", "General", "Colonel", "Lieutenant", "Major", "Captain",
        "Commander", "Admiral", "Sergeant", "Marshal", "Brigadier", "King", "Queen", "Prince",
        "Princess", "Emperor", "Empress", "Duke", "Duchess", "Count", "Countess", "Lord", "Lady",
        "Sir", "Dame", "Pope", "Cardinal", "Archbishop", "Bishop", "Father", "Reverend", "Saint",
        "St.", "Rabbi", "Imam", "Sheikh", "Sultan", "Tsar", "Czar", "Dr", "Dr.", "Doctor",
        "Professor", "Prof.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Judge", "Justice",
        "Ambassador", "Chairman", "Chairwoman", "Chief", "Director", "Coach", "Quarterback",
        "Cosmonaut", "Astronaut", "Spokesperson", "Spokesman",
    ]
)
# The titles a blank may follow without being part of the name before it ("King _____").
BLANK_TITLES = frozenset(
    [
        "President", "King", "Queen", "Emperor", "Empress", "Pope", "Saint", "St.", "Dr.", "Mr.",
        "Mrs.", "Ms.", "General", "Prince", "Princess", "Duke", "Sir", "Lord", "Lady", "Bishop",
        "Archbishop", "Cardinal", "Chancellor", "Minister",
    ]
)
# Ranks that name no one alone ("King", "southern Duke": of what?).
RANKS = frozenset(
    [
        "king", "queen", "duke", "duchess", "prince", "princess", "emperor", "empress", "earl",
        "count", "countess", "baron", "lord", "lady", "sir", "marquis", "khan", "sultan", "tsar",
        "czar", "pope", "bishop", "general", "captain",
    ]
)
# Lower-case words inside a person's name ("Marie de' Medici", "Ibn Battuta").
NAME_PARTICLES = frozenset(
    [
        "de", "de'", "de’", "da", "di", "du", "des", "del", "della", "van", "von", "der", "den",
        "la", "le", "al", "el", "bin", "ibn", "ben", "zu", "af",
    ]
)
# Kinds of places that name many things ("the Park", "the Bridge").
PLACE_TYPE_NOUNS = frozenset(
    [
        "Park", "Garden", "Gardens", "Square", "Street", "Bridge", "River", "Lake", "Island",
        "Station", "Stadium", "Castle", "Tower", "Gate", "Market", "Port", "Harbour", "Harbor",
        "Canal", "Forest", "Mountain", "Mountains", "Valley", "Jail", "Gaol", "Prison",
        "Airport", "Barracks",
    ]
)
# Kinds of places and bodies that name many things ("the Centre", "the Palace", "the Edict").
TYPE_NOUNS = PLACE_TYPE_NOUNS | frozenset(
    [
        "Centre", "Center", "Palace", "Museum", "Building", "Church", "University", "Institute",
        "Academy", "Company", "Agency", "Society", "Council", "Committee", "Ministry",
        "Department", "Theatre", "Theater", "Library", "Cathedral", "Hall", "Edict", "Treaty",
        "League", "Conference", "Party", "Army", "Navy", "Court", "Senate", "College", "School",
        "Hospital", "Gallery", "Foundation", "Association", "Union", "Republic", "Empire",
        "Kingdom", "Dynasty", "Monastery", "Abbey", "Cloister", "Fortress", "Elementary",
        "Studio", "Studios", "Productions", "Records", "Pictures", "Hotel", "Club",
    ]
)
# Plural nouns of a group of people or states ("the two countries").
GROUP_NOUNS = "countries|nations|partners|sides|states|powers|leaders|men|women|teams|companies"

# fmt: on

# --- Questions ------------------------------------------------------------------------------

# Counting things one by one ("one ... another", "the first ... the second").
ONE_ANOTHER = re.compile(r"\b(?:one|the first)\b.*\b(?:another|the other|a second|the second)\b")

# "Who did ... ?": the person asked is the verb's object, not its subject.
OBJECT_WHO = re.compile(r"^Who (?:did|does|do|has|have|had|will|would|can|could)\b")


# --- Typed answers ----------------------------------------------------------------------------

# A hedge before a number or a date ("about 15 kilometres", "early 2012"): its value is typed
# without it.
HEDGE = re.compile(
    r"^(?:about|around|approximately|nearly|almost|roughly|some|over|under|more than|"
    r"less than|fewer than|up to|at least|at most|just over|just under|only|just|"
    r"early|late|mid|the early|the late|the mid)[\s-]+",
    re.I,
)
# Words the grader drops before a typed answer: prepositions ("in 1970" = "1970") and hedges
# before a number ("nearly half" = "almost half" = "half"); its digits still decide.
LEADING_WORDS = {"in", "on", "at", "by", "during", "around", "about", "circa", "c", "ca", "year"}
LEADING_WORDS |= {"nearly", "almost", "roughly", "approximately", "some", "just", "only"}
LEADING_WORDS |= {"from", "between", "since"}  # "from 1621 to 1629" = "1621 to 1629"
# Buildings and grounds are called by their last two words ("Bogusławski Theatre"); bodies
# are not ("Football League" is another league than the National Football League).
BUILDINGS = frozenset(
    ["Theatre", "Theater", "Museum", "Palace", "Church", "Park", "Garden", "Gardens"]
    + ["Square", "Street", "Bridge", "Hall", "Library", "Castle", "Cathedral", "Stadium"]
    + ["Gallery", "Monastery", "Abbey", "Tower", "Gate", "Station", "Opera"]
)
# Plural last words that are no team's name alone ("United States", "Cayman Islands").
PLURAL_NAMES = frozenset(["States", "Nations", "Islands", "Emirates", "Netherlands", "Alps"])
# Shares said in words, as a percentage.
SHARE_WORDS = {
    "half": "50%",
    "almost half": "50%",
    "nearly half": "50%",
    "three-quarters": "75%",
    "three quarters": "75%",
    "a quarter": "25%",
    "one-quarter": "25%",
    "a third": "33%",
    "one-third": "33%",
    "two-thirds": "67%",
}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Fraction signs no keyboard has, as a decimal and as a slash: "5½" = "5.5" = "5 1/2".
FRACTIONS = {"½": (".5", " 1/2"), "¼": (".25", " 1/4"), "¾": (".75", " 3/4")}
# Unit abbreviations and the words they stand for.
UNIT_WORDS = {
    "km": ("kilometres", "kilometers"),
    "m": ("metres", "meters"),
    "cm": ("centimetres", "centimeters"),
    "mi": ("miles",),
    "ft": ("feet",),
    "kg": ("kilograms",),
    "t": ("tonnes", "tons"),
    "ha": ("hectares",),
    "km2": ("square kilometres", "square kilometers"),
    "km²": ("square kilometres", "square kilometers"),
    "m2": ("square metres", "square meters"),
    "m²": ("square metres", "square meters"),
    "sq mi": ("square miles",),
    "sq ft": ("square feet",),
}
# Abbreviations of everyday English, known to any reader of the language.
COMMON_ABBREVIATIONS = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UN": "United Nations",
    "EU": "European Union",
    "USSR": "Soviet Union",
    "LA": "Los Angeles",
    "L.A.": "Los Angeles",
    "NYC": "New York City",
    "UAE": "United Arab Emirates",
}
# Names of everyday English with their other usual forms.
COMMON_NAMES = {
    "American Revolutionary War": [
        "American Revolution",
        "Revolutionary War",
        "American War of Independence",
    ],
    "World War II": ["Second World War", "WWII", "WW2", "World War 2"],
    "World War I": ["First World War", "WWI", "WW1", "World War 1", "Great War"],
    "the Second World War": ["World War II", "WWII"],
    "the First World War": ["World War I", "WWI"],
}
# Common nouns written after a name ("Song dynasty", "Yangzi River" in lower case).
HEAD_NOUNS = ("dynasty", "empire", "kingdom", "river", "province", "state", "island", "islands")
# Type words a name is still right without ("Ashby" of "Ashby River", "Unity" of "Unity
# Party"); not so "Holy Roman" of "Holy Roman Empire".
DROPPABLE_TYPE_WORDS = (
    "river",
    "lake",
    "sea",
    "ocean",
    "mountains",
    "desert",
    "bay",
    "canal",
    "party",
)
# A company's legal form after its name ("H. Farrow, Ltd.", "Acme Inc.").
LEGAL_SUFFIX = re.compile(r",?\s+(?:Ltd|Limited|Inc|plc|PLC|Co|Corp|LLC|AG|GmbH)\.?$")

# --- Opposites ---------------------------------------------------------------------------------
# Words whose opposite turns a statement false as plainly as the article says it true ("higher
# prices" -> "lower prices", "fares rose" -> "fares fell"); each pair once, as written in
# running text. Not "first"/"last" ("last year" is the year before), "most" ("most people"),
# "succeeded" ("succeeded him as king"), "raised" ("raised the issue" is no "lowered the
# issue") nor words that head set phrases.
OPPOSITE_PAIRS = (
    ("increased", "decreased"), ("increase", "decrease"), ("increases", "decreases"),
    ("increasing", "decreasing"), ("rose", "fell"), ("risen", "fallen"), ("rising", "falling"),
    ("higher", "lower"), ("highest", "lowest"), ("larger", "smaller"), ("more", "less"),
    ("earlier", "later"), ("won", "lost"), ("accepted", "rejected"), ("supported", "opposed"),
    ("strengthened", "weakened"), ("stronger", "weaker"),
    ("strongest", "weakest"), ("faster", "slower"),
    ("fastest", "slowest"), ("older", "younger"), ("oldest", "youngest"), ("longer", "shorter"),
    ("longest", "shortest"), ("positive", "negative"), ("success", "failure"),
    ("above", "below"), ("maximum", "minimum"), ("grew", "shrank"), ("victory", "defeat"),
)  # fmt: skip
# Left out, each turned into nonsense in reads 15-16: inside/outside ("deep inside the hull"
# -> "deep outside the hull"), agreed/refused ("agreed to a meeting" -> "refused to a
# meeting"), best/worst and better/worse ("the worst flood" -> "the best flood"),
# growth/decline ("growth has slowed" -> "decline has slowed"), public/private (a noun as
# often as an adjective: "the weary public" -> "the weary private"). And after reads 1-19:
# before/after (6 of 20 acceptable; "the ship was named before the admiral", "rode in on a
# mule, before crossing the ford"), largest/smallest (2 of 6: "the smallest crater, 900 km
# across"), successful/unsuccessful ("the first unsuccessful crossing"), allowed/banned
# ("banned her to keep her wages": no English), legal/illegal ("an illegal challenge" for a
# lawsuit), the compass (2 of 8: where a passing trip went) and gain/loss (a verb as often
# as a noun: "to gain ground" -> "to loss ground").
OPPOSITES = {a: b for a, b in OPPOSITE_PAIRS} | {b: a for a, b in OPPOSITE_PAIRS}
# Plurals that do not end in "s" ("more people" is "fewer people" turned round).
IRREGULAR_PLURALS = frozenset(["people", "children", "men", "women"])
# "One night", "one summer": a time named by "one" is some time, not a count of them.
TIMES_OF_DAY_AND_YEAR = frozenset(
    ["night", "day", "morning", "afternoon", "evening", "weekend", "summer", "winter",
     "spring", "autumn", "fall"]
)  # fmt: skip

# --- What a date dates ---------------------------------------------------------------------
# A sentence that reports a finding ("a 2009 study found", "the census of 2011", "a survey
# estimated") or a statistic ("41 percent in 2015"): its year dates the finding or the figure,
# a detail, not the event the article is about. (Not "published": in a history the year a
# discovery was published is the event.)
# Verbs that report what someone said, by lemma.
SPEECH_VERBS = frozenset(
    ["say", "tell", "add", "write", "explain", "note", "state", "declare", "announce", "claim"]
)
# Verbs of an opinion or expectation: "X thinks Y" denied is a claim about X's mind.
OPINION_VERBS = frozenset(
    [
        "argue", "believe", "think", "expect", "hope", "fear", "warn", "insist", "suggest",
        "predict", "estimate", "consider", "feel", "doubt", "wonder", "worry",
    ]
)  # fmt: skip
# Verbs whose subject is a person: one who speaks, thinks, decides, lives or dies.
PERSON_VERBS = SPEECH_VERBS | OPINION_VERBS | frozenset(
    [
        "realize", "realise", "know", "learn", "decide", "want", "remember", "recall",
        "reply", "agree", "admit", "live", "die", "marry",
    ]
)  # fmt: skip
# Words that make a claim partial, hedged or relative, so that its denial is no plain
# falsehood ("often found" / "not often found", "also built", "about 50 killed").
NOT_DENIABLE = frozenset(
    [
        "often", "sometimes", "usually", "generally", "mostly", "largely", "partly", "many",
        "some", "few", "several", "most", "almost", "nearly", "about", "around",
        "approximately", "roughly", "also", "even", "only", "just", "still", "already",
        "perhaps", "probably", "possibly", "likely", "reportedly", "allegedly", "if", "unless",
        "whether", "least", "quite", "very", "highly", "extremely", "particularly",
        "especially", "unclear", "albeit", "although", "though", "despite", "because",
    ]
)  # fmt: skip
# Words that deny a claim ("did not", "never").
NEGATIVE_WORDS = frozenset({"not", "never", "no", "nor", "neither", "none", "cannot"})
REPORT_WORDS = r"\b(?:stud(?:y|ies)|survey(?:ed|s)?|found that|estimated|census|poll(?:ed|s)?)\b"
STATISTIC = r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b|million\b|billion\b)"

# --- Definitions --------------------------------------------------------------------------
# Verbs that give a name: "is called X", "is termed X"; and those that give it with "as":
# "is known as X", "is referred to as X".
NAMING_VERBS = frozenset({"call", "name", "term", "dub"})
NAMING_AS_VERBS = frozenset({"know", "define", "refer", "describe", "designate"})
TENSED_BE = frozenset({"is", "are", "was", "were"})
DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
# "Tarns are a kind of ...": a class noun stands for many.
CLASS_NOUNS = frozenset({"group", "type", "kind", "class", "family", "form", "genus", "order"})
# Words that describe a thing against what came before: "another", "an exception".
RELATIVE_WORDS = frozenset({"another", "other", "exception", "example", "latter", "former"})

# A numbered list's marker opening a paragraph or a sentence ("2.  “Ferries never paid”",
# "2. A dredger (a steam one)."): the number orders the list and states no fact.
LIST_MARKER = re.compile(r"^\d{1,2}[.)]\s+(?=[\"“‘'A-Z])")

# --- Word shapes ------------------------------------------------------------------------------


def has_words(text: str, words: str) -> bool:
    """True when words occur in text with no letter or digit directly around them."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        start = text.find(words, start + 1)
    return False


def is_name_like(text: str) -> bool:
    """Words of a personal name: "Yuri Gagarin", "Louis XIV", "Jan van Riebeeck", "C. J."."""
    words = text.replace("-", " ").split()
    if not words or not words[0][:1].isupper():
        return False
    for word in words:
        letters = word.strip(".,'’")
        roman = set(letters) <= set("IVXLC")
        particle = letters.islower() and len(letters) <= 3
        lower = sum(c.islower() for c in letters)
        capitalised = letters[:1].isupper() and (len(letters) == 1 or lower >= 2)
        if not letters.isalpha() or not (roman or particle or capitalised):
            return False
    return True
