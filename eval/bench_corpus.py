"""A reproducible news corpus for the benchmark: distinct articles with one known, askable fact each."""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "corpus"
PLACES = ["Iraq", "Syria", "Jordan", "Lebanon", "Yemen", "Libya", "Oman", "Kuwait", "Qatar", "Egypt",
          "Tunisia", "Sudan", "Cyprus", "Georgia", "Armenia", "Turkey", "Morocco", "Algeria", "Chad", "Mali"]
SYLLABLES = ["ka", "ro", "mi", "ta", "ze", "lu", "va", "do", "ri", "sa", "ne", "bo", "fi", "ga", "hu",
             "jo", "ki", "la", "mo", "nu", "pe", "qui", "ra", "so", "tu", "vi", "wa", "xe", "yo", "zu"]
THINGS = ["drones", "rockets", "advisers", "trucks", "convoys", "soldiers", "helicopters", "observers",
          "engineers", "tanks", "patrols", "medics"]
ROLES = ["spokesman", "commander", "minister", "adviser", "governor", "envoy"]
HEADLINES = ["officials weigh next steps after talks", "militias react to troop announcement",
             "government faces pressure over foreign forces", "new round of strategic dialogue ends",
             "security situation under review", "parliament debates the presence of troops"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class BenchQuestion:
    question: str
    answer: str
    source: str


def seed_sentences() -> list[str]:
    """Body sentences of the seed articles (lines past the title, split at sentence ends)."""
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[2:]:
            if len(line) > 80:
                sentences += [s.strip() for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line) if len(s) > 60]
    return sentences


def generate(folder: Path, articles: int, seed: int = 2021) -> list[BenchQuestion]:
    """Write `articles` files into folder and return one question per article (known answer and source)."""
    rng = random.Random(seed)
    pool = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    questions = []
    for number in range(articles):
        person, city = _unique_name(rng, used, 2), _unique_name(rng, used, 3)
        place, thing, role, day = rng.choice(PLACES), rng.choice(THINGS), rng.choice(ROLES), rng.choice(DAYS)
        count = rng.randrange(12, 9800)
        fact = (f"{person}, the regional {role}, said on {day} that {count:,} {thing} had been moved to "
                f"{city} in {place} after the talks.")
        body = [_vary(rng.choice(pool), rng, place) for _ in range(rng.randrange(24, 36))]
        body.insert(rng.randrange(1, len(body)), fact)
        title = f"{place}: {rng.choice(HEADLINES)}"
        name = f"bench_{number:05d}.txt"
        (folder / name).write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        questions.append(BenchQuestion(f"How many {thing} did {person} say had been moved to {city}?",
                                       f"{count:,}", name))
    (folder.parent / f"{folder.name}-questions.json").write_text(
        json.dumps([asdict(q) for q in questions], indent=1), encoding="utf-8")
    return questions


def _unique_name(rng: random.Random, used: set[str], parts: int) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(parts + rng.randrange(2))).capitalize()
        if name not in used:
            used.add(name)
            return name


def _vary(sentence: str, rng: random.Random, place: str) -> str:
    """A seed sentence with its country, numbers and weekdays changed, so no two articles repeat text."""
    sentence = re.sub(r"\bIraq\b", place, sentence)
    sentence = re.sub(r"\d[\d,]*", lambda m: f"{rng.randrange(2, 9000):,}", sentence)
    return re.sub(r"\b(" + "|".join(DAYS) + r")\b", lambda m: rng.choice(DAYS), sentence)
