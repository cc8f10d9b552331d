"""A deterministic generator of news-like articles for benchmarks.

Sentences are assembled from templates over invented actors, places and
actions, with the kinds of noise real scrapes carry (captions, related-post
blocks, newsletter prompts), so every stage has realistic work to do.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

FIRST = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Kemal", "Lena",
         "Marco", "Nadia", "Omar", "Petra", "Rafael", "Sofia", "Tomas", "Yusuf"]
LAST = ["Albescu", "Brandt", "Costa", "Dumitru", "Eriksen", "Fischer", "Gallo", "Haddad", "Ivanova", "Jansen",
        "Kovacs", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sandor", "Tanaka"]
ROLES = ["Foreign Minister", "Defense Minister", "Prime Minister", "President", "Interior Minister",
         "army chief of staff", "special envoy", "UN coordinator"]
COUNTRIES = ["Norland", "Estavia", "Calderon", "Veridia", "Ostrava", "Marenia", "Tarsis", "Belmark"]
PLACES = ["Port Selva", "Karvik", "the northern corridor", "Lake Amber", "the Drava valley", "Kessel airbase",
          "the border crossing at Orlo", "the capital"]
OUTLETS = ["The Daily Ledger", "Global Wire", "Northern Times", "The Courier", "Metro Post", "Evening Herald"]
TOPICS = [
    ("ceasefire talks", ["negotiators", "a draft agreement", "the mediation team", "a ceasefire line"]),
    ("grain exports", ["cargo ships", "the export corridor", "port authorities", "insurance premiums"]),
    ("refugee flows", ["displaced families", "aid convoys", "reception centres", "the border camps"]),
    ("power outages", ["the grid operator", "repair crews", "substations", "rolling blackouts"]),
    ("prisoner exchange", ["detainees", "the exchange list", "the Red Cross", "family members"]),
]
VERBS = ["met", "warned", "accused", "agreed with", "called", "visited", "criticised", "thanked", "urged"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
NOISE = [
    "Subscribe to our newsletter for daily updates",
    "Sign in or register to continue reading",
    "Share this article on social media",
    "Recent Posts",
    "2 hours ago",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(ROLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random, topic: tuple[str, list[str]]) -> str:
    name, nouns = topic
    a, b = rng.sample(COUNTRIES, 2)
    kind = rng.randrange(6)
    if kind == 0:
        return f"{_person(rng)} of {a} {rng.choice(VERBS)} officials from {b} in {rng.choice(PLACES)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} to discuss {name}."
    if kind == 1:
        return f"According to {a}'s foreign ministry, {rng.randint(2, 900)} {rng.choice(nouns)} were affected near {rng.choice(PLACES)}."
    if kind == 2:
        return f"{a} and {b} agreed in {rng.choice(MONTHS)} {rng.randint(2015, 2024)} to review {rng.choice(nouns)}, {_person(rng)} said."
    if kind == 3:
        return f"Officials in {a} denied reports that {rng.choice(nouns)} had been moved to {rng.choice(PLACES)}."
    if kind == 4:
        return f"The talks on {name} are expected to resume next week, according to {rng.choice(OUTLETS)}."
    return f"{_person(rng)} warned that {rng.choice(nouns)} in {rng.choice(PLACES)} could face new restrictions."


def generate(n: int, seed: int = 7) -> list[dict]:
    """Return ``n`` article dicts (title, text, outlet, published, url)."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    docs = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        paras = [_sentence(rng, topic) + " " + _sentence(rng, topic) for _ in range(rng.randint(4, 8))]
        if rng.random() < 0.5:
            paras.insert(1, f"{_person(rng)} speaks to reporters in {rng.choice(PLACES)}, March 3, 2023. (photo credit: AGENCY)")
        if rng.random() < 0.5:
            paras += rng.sample(NOISE, 3)
        docs.append({
            "title": f"{rng.choice(COUNTRIES)} and {rng.choice(COUNTRIES)} trade positions on {topic[0]} ({i})",
            "text": "\n\n".join(paras),
            "outlet": rng.choice(OUTLETS),
            "published": (start + dt.timedelta(days=rng.randrange(300))).isoformat(),
            "url": f"https://example.org/news/{i}",
        })
    return docs


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` generated articles as .txt files (half with YAML front matter)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, d in enumerate(generate(n, seed)):
        p = folder / f"article_{i:05d}.txt"
        if i % 2:
            head = f"---\ntitle: \"{d['title']}\"\noutlet: {d['outlet']}\npublished: {d['published']}\nurl: {d['url']}\n---\n"
        else:
            head = f"{d['title']}\n\n"
        p.write_text(head + d["text"] + "\n", encoding="utf-8")
        paths.append(p)
    return paths
