"""Line-level boilerplate rules: what a scraped line is when it is not article text.

Every rule is general (position, repetition, length, function-word density,
phrase patterns of site furniture); none names a particular site or story.
"""

from __future__ import annotations

import re

from brief.ingest.common import is_chrome_line

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves said says say told while since though although however
""".split())

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*")
TERMINAL = tuple('.!?"”’\')»…:;')

# -- captions and credits ----------------------------------------------------------------------
CREDIT_ONLY = re.compile(
    r"^[(\[]?\s*(?:photo|image|picture|video|graphic|illustration|file photo)?\s*(?:credits?|courtesy|source)\s*[:\-–]\s*[^()]{1,80}[)\]]?$"
    r"|^[(\[]?\s*(?:photo|image|picture|video|graphic|illustration)s?\s*[:\-–]\s*[^()]{1,60}[)\]]?$",
    re.I,
)
CREDIT_TAIL = re.compile(r"\(\s*(?:photo|image|picture|video)?\s*(?:credits?|courtesy)\s*:?[^()]{0,80}\)\s*$", re.I)
# "(Jane Doe/AGENCY)", "(AFP/Name)", "(Getty Images)", "[Reuters]" at the end of a line
SLASH_CREDIT = re.compile(r"[(\[]\s*[A-Z][\w.\-'’ ]{0,40}/\s*[A-Z][\w.\-'’ ]{0,40}[)\]]\s*$")
IMAGE_AGENCY = re.compile(r"[(\[]\s*(?:getty images|ap photo|afp photo|reuters|shutterstock|flash90|epa|file)[^()]{0,40}[)\]]\s*$", re.I)
CAPTION_VERB = re.compile(
    r"\b(?:attends?|speaks?|holds?|looks? on|gestures?|arrives?|stands?|poses?|walks?|sits?|waves?|smiles?|"
    r"is seen|are seen|shakes? hands|listens?|delivers?|rises?|patrol|patrols|pictured|seen)\b", re.I)

# -- bylines, agencies, timestamps -------------------------------------------------------------
BYLINE = re.compile(r"^(?:by|written by|posted by|reporting by|words by)\s*[:\-–]?\s+(?P<rest>\S.{0,150})$", re.I)
AGENCY_LINE = re.compile(r"^[(\[]\s*(?P<tag>[A-Z][A-Za-z&.]{1,7}(?: [A-Z][A-Za-z&.]{1,9})?)\s*[)\]]$")
AGENCY_LEAD = re.compile(r"^(?:[A-Z][A-Z.'’\- ]{1,40},?\s*(?:[A-Z][a-z]+\.?\s*)?)?\(\s*(?P<tag>[A-Z][A-Za-z&.]{1,7})\s*\)\s*[—–\-:]")
TIMESTAMP = re.compile(
    r"^(?:updated|published|posted|last updated|modified)?\s*:?\s*(?:about\s+|an?\s+|\d{1,3}\s*)"
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\s+ago\.?$", re.I)
DATE_LABEL = re.compile(r"^(?:published|posted|updated|last updated|modified|first published|date)\b\s*(?:on|at)?\s*:?", re.I)
CONTRIBUTED = re.compile(r"\b(?:contributed (?:to )?(?:this|the) (?:report|story|article)|contributed reporting)\b", re.I)
AUTHOR_BLURB = re.compile(
    r"^[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3} (?:is|was|has been|writes|covers|reports)\b.{0,160}"
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|author|contributor|analyst|fellow|"
    r"bureau chief|producer|staff)\b", re.I)

# -- related posts, newsletters, walls, sharing -----------------------------------------------
RELATED_HEAD = re.compile(
    r"^(?:recent posts?|related(?: articles?| stories| posts?| news| content| coverage| reading| topics)?|"
    r"read more|read also|also read|see also|more (?:stories|news|articles|from [\w .'’]+|on this (?:story|topic)|in [\w .'’]+)|"
    r"you (?:may|might) (?:also )?like|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed|shared)|"
    r"popular(?: now| stories| posts)?|trending(?: now| stories)?|latest(?: news| stories| posts| articles)?|"
    r"top stories|editor'?s picks|don'?t miss|in case you missed it|further reading|what to read next|"
    r"more coverage|keep reading|next article|previous article|up next|watch next)\s*[:>»›]*$", re.I)
TEASER_END = re.compile(r"(?:…|\.\.\.)\s*$")

_WALL_STRONG = [
    r"\bsubscribe (?:to|for|now|today)\b", r"\byou(?:'|’)re (?:now )?subscribed\b",
    r"^(?:sign|log) ?(?:in|up)\b", r"\b(?:sign|log) ?in (?:or|to|with) (?:register|continue|sign up|create)\b",
    r"\bregister (?:for free|now|to continue|today)\b", r"\bregistering\b", r"\balready (?:registered|a subscriber|a member|have an account)\b",
    r"\bcontinue reading\b", r"\bcontinue with\b", r"\b(?:enter|check|confirm|verify) your (?:e-?mail|inbox|password)\b",
    r"\bsign you in\b", r"\b(?:we sent|we(?:'|’)ve sent) (?:an|you an) e-?mail\b", r"\[email(?:&#160;|\s)protected\]",
    r"\bget notifications\b", r"\bcreate (?:a free |an |your )?account\b", r"\bforgot (?:your )?password\b",
    r"\bunlimited (?:digital )?access\b", r"\bdisable (?:your )?ad ?blocker\b", r"\bturn on (?:desktop )?notifications\b",
    r"\bdelivered (?:straight )?to your inbox\b", r"\bsubscribers? only\b",
    r"\bthis (?:article|content) is (?:for|available to) (?:subscribers|members)\b",
    r"\bplease use the following structure\b", r"\bby registering\b", r"\bterms (?:and|&) conditions\b.{0,40}\bagree\b|\bagree\b.{0,40}\bterms (?:and|&) conditions\b",
]
# phrases that are boilerplate in a short line but may occur in prose: need a short line or boilerplate neighbours
_WALL_WEAK = [
    r"\bnewsletters?\b", r"\bnever miss\b", r"\bstay (?:updated|informed|up to date|tuned)\b", r"\bget (?:alerts|the latest)\b",
    r"\bterms (?:and|&) conditions\b", r"\bterms of (?:use|service)\b", r"\bprivacy policy\b", r"\bcookies?\b",
    r"\bfree (?:trial|account)\b", r"\bsupport (?:our|independent) journalism\b", r"\be-?mail\b", r"\bsign(?:ed)? (?:in|up)\b",
    r"\blog(?:ged)? ?in\b", r"\bregister(?:ed)?\b", r"\bsubscri(?:be|bed|ption)\b", r"\bcontinue\b", r"\bnotifications?\b",
    r"\bbreaking news\b", r"\blatest news\b",
]
WALL_WEAK = re.compile("|".join(_WALL_WEAK), re.I)
WALL = re.compile("|".join(_WALL_STRONG), re.I)
SHARE = re.compile(
    r"^(?:share(?: this| on| via| article| story| the article)?|follow us|follow (?:\S+ ){0,4}on (?:twitter|x|facebook|instagram|"
    r"telegram|linkedin|youtube|tiktok|whatsapp|google news)|click to (?:share|print|email)|tweet(?: this)?|"
    r"print(?: this)?(?: article| page)?|e-?mail this(?: article)?|copy link|link copied|whatsapp|facebook|twitter|"
    r"linkedin|reddit|telegram|comments?(?: \(\d+\))?|\d+ comments?|leave a comment|join the conversation|"
    r"listen to (?:this|the) article|download (?:our|the) app|save (?:article|for later))\b.{0,60}$",
    re.I)
LONE_CHROME = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|image|photo|video|audio|gallery|loading\.*|"
    r"close|menu|search|home|skip(?: to (?:main )?content)?|scroll (?:down|to continue)|"
    r"(?:\d+ )?min(?:ute)? read|read (?:\d+ )?min|back to top|top|next|previous|more|hide|show more|expand|"
    r"toggle (?:navigation|menu)|open in app|listen|print|share|email|subscribe|log ?in|sign ?in|register)\W*$",
    re.I)
LOREM = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b", re.I)


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def stopword_ratio(s: str) -> float:
    ws = words(s)
    if not ws:
        return 0.0
    return sum(1 for w in ws if w.lower() in STOPWORDS) / len(ws)


def norm(s: str) -> str:
    """Comparison form of a line: lowercase, single spaces, credits and trailing punctuation removed."""
    s = CREDIT_TAIL.sub("", s)
    s = SLASH_CREDIT.sub("", s)
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.rstrip(" .")


def is_sentence_like(s: str) -> bool:
    """Ends like prose (terminal punctuation or a closing quote)."""
    return s.rstrip().endswith(TERMINAL)


def is_caption(s: str) -> bool:
    if CREDIT_ONLY.match(s) or CREDIT_TAIL.search(s):
        return True
    if SLASH_CREDIT.search(s) or IMAGE_AGENCY.search(s):
        # a credit in parentheses at the end of a line that describes a picture
        return True
    return False


def is_filler(s: str) -> bool:
    """Placeholder or generated filler text: lorem ipsum, or long prose with almost no function words."""
    if LOREM.search(s):
        return True
    ws = words(s)
    if len(ws) < 14:
        return False
    if re.search(r"\d", s) or re.search(r"[\"“”]", s):
        return False
    ratio = stopword_ratio(s)
    if ratio >= 0.2:
        return False
    # few capitalised words inside sentences (no names): generic business-speak
    inner_caps = sum(1 for i, w in enumerate(ws) if i and w[:1].isupper() and not s[max(0, s.find(w) - 2):s.find(w)].strip().endswith("."))
    return inner_caps <= len(ws) * 0.1


def looks_like_name(s: str) -> bool:
    """A bare person name line ("Jane Q. Doe")."""
    ws = s.split()
    if not 2 <= len(ws) <= 4 or is_sentence_like(s) and not s.endswith("."):
        return False
    return all(re.fullmatch(r"[A-Z][a-z\u00c0-\u024f'’\-]+|[A-Z]\.?|(?:van|von|de|da|al|bin|ibn|el|der|la|le)", w) for w in ws)


def classify(s: str) -> str | None:
    """The boilerplate kind of one line on its own, or None (context rules come later)."""
    n_words = len(s.split())
    if n_words <= 6 and (LONE_CHROME.match(s) or is_chrome_line(s)):
        return "chrome"
    if TIMESTAMP.match(s):
        return "timestamp"
    if RELATED_HEAD.match(s):
        return "related-posts"
    if is_caption(s):
        return "caption"
    if n_words <= 30 and WALL.search(s) or n_words <= 10 and WALL_WEAK.search(s):
        low = s.lower()
        return "newsletter" if ("newsletter" in low or "subscribe" in low or "never miss" in low
                                or "stay " in low or "notification" in low or "inbox" in low) else "login-wall"
    if n_words <= 14 and SHARE.match(s):
        return "share"
    if n_words <= 30 and AUTHOR_BLURB.match(s) and not re.search(r"[\"“”]", s):
        return "author-blurb"
    if n_words <= 20 and CONTRIBUTED.search(s):
        return "contributors"
    if is_filler(s):
        return "filler"
    return None
