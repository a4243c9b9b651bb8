"""Generated news articles for the extraction benchmark: about 540 words each,
in the genre (a numbered meeting of a body, its date, place and co-chairs,
signings), every paragraph distinct within and across articles, so the
extractor reads every word (it reads a repeated paragraph once by design).

The wording is written for this benchmark; names are invented.

    python bench/articles.py 2000 build/bench/articles    # writes a0000.txt ...
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

BODIES = [
    "India-Russia Inter-Governmental Commission on Military and Military-Technical Cooperation",
    "Working Group on Military-Technical Cooperation",
    "Working Group on Military Cooperation",
    "IRIGC-M&MTC",
    "Sub-Group on Aviation",
]
CITIES = ["New Delhi", "Moscow", "Bengaluru", "Saint Petersburg", "Goa", "Kazan", "Pune", "Sochi"]
FIRST = ["Arun", "Vikram", "Sanjay", "Rohit", "Meera", "Anil", "Oleg", "Pavel", "Igor", "Dmitri", "Sergei",
         "Nikolai", "Kavita", "Rajiv", "Yuri", "Alexei"]
LAST = ["Mehta", "Rao", "Kulkarni", "Bhatia", "Iyer", "Nair", "Belov", "Orlov", "Zhukov", "Sokolov",
        "Volkov", "Lebedev", "Kapoor", "Menon", "Morozov", "Popov"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORD = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th", "13th", "14th",
       "15th", "16th", "17th", "18th", "19th", "20th", "21st"]

# Clause pools for the body paragraphs; a paragraph draws several clauses and
# numbers, so that no two paragraphs of the corpus are alike.
SUBJECTS = ["Officials from both ministries", "Members of the two delegations", "Industry representatives",
            "Senior planners", "Several analysts in the capital", "Engineers from the shipyards",
            "Spokespersons for the two sides", "Observers of the talks", "Experts at a local institute",
            "Procurement officers"]
VERBS = ["said", "noted", "argued", "reported", "indicated", "suggested", "confirmed", "remarked", "stressed",
         "observed"]
TOPICS = ["the supply of spare parts for older aircraft", "joint production of engines", "training for crews",
          "maintenance of naval vessels", "payment arrangements in national currencies",
          "transfer of technology for sensors", "after-sales support for armoured vehicles",
          "research on new materials", "the schedule of deliveries", "shared standards for testing",
          "repair centres for helicopters", "licensed manufacture of small arms", "cooperation in space",
          "the logistics of joint exercises", "export of jointly built missiles"]
TAILS = ["over the coming {n} months", "within a budget said to exceed {n} billion rupees",
         "at {n} sites across the country", "in a plan that runs for {n} years", "with {n} firms involved",
         "after {n} rounds of consultations", "by a target of {n} units a year",
         "through a panel of {n} specialists"]
OPENERS = ["In addition,", "Separately,", "Meanwhile,", "According to people familiar with the matter,",
           "Earlier in the day,", "On the sidelines,", "In a statement,", "Later,", "At the same time,",
           "For its part,"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _filler(rng: random.Random, serial: int) -> str:
    sents = []
    for _ in range(rng.randint(3, 4)):
        tail = rng.choice(TAILS).format(n=rng.randint(2, 900))
        sents.append(f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} that "
                     f"{rng.choice(TOPICS)} would move ahead {tail}.")
    sents.append(f"Reference {serial} was cited in the briefing.")
    return " ".join(sents)


def article(i: int, words: int = 540, seed: int = 13, dates: int = 1) -> str:
    """Article ``i`` (deterministic); ``dates`` date mentions in its lead
    paragraphs (for the date-mention scaling check)."""
    rng = random.Random(seed * 1_000_003 + i)
    body, city = rng.choice(BODIES), rng.choice(CITIES)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2001, 2025)
    a, b = _person(rng), _person(rng)
    paras = [
        f"{city.upper()}, {month} {day}: The {rng.choice(ORD)} meeting of the {body} was held in {city} on "
        f"{day} {month} {year}. It was co-chaired by Defence Minister {a} and his counterpart {b}.",
        f"The two co-chairs signed a protocol at the end of the session, officials said, and reviewed "
        f"{rng.randint(3, 40)} projects in detail (file {i}).",
    ]
    for k in range(dates - 1):
        paras.append(f"A follow-up review was listed for {rng.randint(1, 28)} {rng.choice(MONTHS)} "
                     f"{rng.randint(2001, 2030)} under item {k}.")
    serial = 0
    while sum(len(p.split()) for p in paras) < words - 30:
        serial += 1
        paras.append(_filler(rng, i * 1000 + serial))
    return "\n\n".join(paras) + "\n"


def write(n: int, folder: str | Path, words: int = 540) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"a{i:05}.txt"
        p.write_text(article(i, words), encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python bench/articles.py N FOLDER", file=sys.stderr)
        raise SystemExit(2)
    print(len(write(int(sys.argv[1]), sys.argv[2])), "articles")
