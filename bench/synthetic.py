"""A synthetic ecosystem of any size, in Turtle, deterministic for a given seed.

Actors get a helix with realistic shares (CORDIS H2020: about 45% business, 35% academia,
10% government, 10% community); each collaboration draws 3-12 members.
"""

from __future__ import annotations

import random

PREFIXES = """@prefix hx: <https://w3id.org/helixgraph/ns#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/synthetic/> .
"""
HELICES = ["business"] * 9 + ["academia"] * 7 + ["government"] * 2 + ["community"] * 2
COUNTRIES = ["HU", "AT", "DE", "SI", "RO", "LT", "RS", "IT"]


def ecosystem(actors: int, collaborations: int, *, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = [PREFIXES]
    for i in range(actors):
        lines.append(
            f'ex:a{i} a org:FormalOrganization ; skos:prefLabel "Actor {i}"@en ; '
            f'org:classification hx:{rng.choice(HELICES)} ; hx:country "{rng.choice(COUNTRIES)}" .'
        )
    m = 0
    for c in range(collaborations):
        lines.append(f'ex:c{c} a hx:Project ; skos:prefLabel "Project {c}"@en .')
        for member in rng.sample(range(actors), rng.randint(3, 12)):
            lines.append(
                f"ex:m{m} a org:Membership ; org:member ex:a{member} ; org:organization ex:c{c} ;"
                " org:role hx:participant ."
            )
            m += 1
    for _ in range(actors // 4):
        a, b = rng.sample(range(actors), 2)
        lines.append(f"ex:a{a} hx:funds ex:a{b} .")
    return "\n".join(lines) + "\n"
