"""The findings of a report in plain words and by name, in English or Hungarian: what a cluster
manager should look at first.

Each sentence is written from the report's figures, so both languages say the same thing; the
numbers are written as each language writes them (``language.number``). Hungarian sentences
avoid case endings on numbers and names, which would depend on how each is pronounced.
"""

from __future__ import annotations

from typing import Any

from helixgraph.language import DEFAULT, Language, number
from helixgraph.network.scope import Scope
from helixgraph.report.model import (
    EcosystemReport,
    Headline,
    KeyPlayers,
    ParallelInitiative,
    ReachAll,
    ReachSide,
    Recommendation,
)

#: The scope's filters in Hungarian (English: :meth:`Scope.describe`).
SCOPE_WORDS: dict[str, dict[str, str]] = {
    "hu": {
        "country": "ország",
        "region": "régió",
        "sector": "ágazat",
        "helix": "spirál",
        "cluster": "klaszter",
        "source": "forrás",
    },
}


def describe_scope(filters: dict[str, str], years: list[int] | None, lang: Language) -> str:
    """``country HU, sector health, 2016-2017`` / ``ország: HU, ágazat: health, 2016-2017``.

    >>> describe_scope({"country": "HU"}, [2016, 2017], "hu")
    'ország: HU, 2016-2017'
    """
    if lang == "en":  # as Scope.describe writes it everywhere else
        return Scope(**filters, years=(years[0], years[1]) if years else None).describe()
    if not filters and not years:
        return "a teljes tár"
    parts = [f"{SCOPE_WORDS['hu'][name]}: {value}" for name, value in filters.items()]
    if years:
        parts.append(str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}")
    return ", ".join(parts)


def findings(report: EcosystemReport, lang: Language = DEFAULT) -> list[str]:
    """Up to six sentences: the parts, reaching each other inside and through outside partners,
    who holds the ecosystem together, the best tie to build, clusters below critical mass or
    missing a helix, and parallel initiatives."""
    say = _Writer(lang)
    head, scope = report.headline, report.scope
    where = describe_scope(scope.filters | scope.labels, scope.years, lang)
    if head.nodes == 0:
        return [say.empty_store() if not scope.filters else say.empty_scope(where)]
    found = [say.parts(head, where if scope.filters else None, scope.through == "all")]
    if report.reach:
        found.append(say.reach(head, report.reach.through_scope, report.reach.through_all))
    if report.key_players is not None:
        found.append(say.key_players(report.key_players))
    ties = [r for r in report.recommendations or [] if r.kind == "tie"]
    if ties:
        found.append(say.tie(ties[0]))
    clusters = report.clusters or []
    small = [c.label for c in clusters if c.below_critical_mass]
    missing = [c.label for c in clusters if c.missing]
    if small or missing:
        found.append(say.clusters(small, missing, len(clusters)))
    if report.parallel_initiatives:
        labels = {c.cluster: c.label for c in clusters}
        found.append(say.parallel(report.parallel_initiatives, labels))
    return found


class _Writer:
    """The sentences of one language."""

    def __init__(self, lang: Language):
        self.lang = lang

    def n(self, value: float, **how: Any) -> str:
        return number(value, self.lang, **how)

    def names(self, names: list[str]) -> str:
        """``a, b and c`` / ``a, b és c``."""
        word = " and " if self.lang == "en" else " és "
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + word + names[-1]

    def empty_store(self) -> str:
        if self.lang == "hu":
            return "A tár még nem tartalmaz szereplőt: először importáljon egy forrást."
        return "The store holds no actors yet: import a source first."

    def empty_scope(self, where: str) -> str:
        if self.lang == "hu":
            return f"Ebben a hatókörben ({where}) nincs szereplő: tágítsa."
        return f"No actor is in the scope {where}: widen it."

    def parts(self, head: Headline, where: str | None, through_all: bool) -> str:
        n, parts = self.n(head.nodes), self.n(head.components)
        share = self.n(head.largest_component_share, percent=True)
        isolates, apart = self.n(head.isolates), self.n(head.fragmentation, percent=True)
        if self.lang == "hu":
            return (
                f"{n} szereplő{f' a hatókörben ({where})' if where else ''} {parts} különálló "
                f"részre oszlik: a legnagyobb rész a szereplők {share}-át fogja össze, {isolates} "
                f"senkihez sem kötődik; a párok {apart}-a semmilyen úton nem éri el egymást"
                + (" (a külső partnereken át vezető utakat is számítva)." if through_all else ".")
            )
        who = f"actors in scope ({where})" if where else "actors"
        return (
            f"{n} {who} in {parts} separate parts: the largest holds {share} of them and "
            f"{isolates} stand alone; {apart} of pairs cannot reach each other at all"
            + (" (paths through outside partners counted)." if through_all else ".")
        )

    def reach(self, head: Headline, alone: ReachSide, wider: ReachAll) -> str:
        ties = self.n(head.ties)
        inside = self.n(alone.fragmentation, digits=3)
        through = self.n(wider.fragmentation, digits=3)
        outside = wider.outside_partners
        partners = self.n(outside)
        rarely = alone.fragmentation - wider.fragmentation > 0.1
        if outside == 0:  # a cluster working only with itself: no path to count
            if self.lang == "hu":
                return (
                    f"{ties} kapcsolat köztük; F {inside}: nincs külső partnerük, akin át "
                    "elérhetnék egymást."
                )
            return (
                f"{ties} ties among them; F is {inside}: they have no outside partner to reach "
                "each other through."
            )
        if self.lang == "hu":
            return (
                f"{ties} kapcsolat köztük; F egymás között {inside}, és {through}, ha az utak "
                f"{partners} külső partnerükön át is vezethetnek"
                + (
                    ": egymást főként külső partnereken át érik el, ritkán közvetlenül."
                    if rarely
                    else ": a külső partnerek alig segítik, hogy elérjék egymást."
                )
            )
        return (
            f"{ties} ties among them; F is {inside} among themselves and {through} when paths "
            f"may pass through their {partners} outside partners"
            + (
                ": they reach each other through outside partners, rarely directly."
                if rarely
                else ": outside partners add little to how they reach each other."
            )
        )

    def key_players(self, players: KeyPlayers) -> str:
        if players.holds_together:
            names = self.names(players.labels)
            before = self.n(players.distance_fragmentation_before or 0.0, digits=3)
            after = self.n(players.distance_fragmentation_without_them, digits=3)
            if self.lang == "hu":
                return (
                    f"{names} nélkül a többiek távolságalapú fragmentáltsága {before} helyett "
                    f"{after} lenne: ők tartják össze ezt az ökoszisztémát."
                )
            return (
                f"Without {names} distance fragmentation among the others rises from {before} "
                f"to {after}: they hold this ecosystem together."
            )
        names = self.names(players.tested)
        change = self.n(players.distance_fragmentation_change or 0.0, digits=4, signed=True)
        error = self.n(players.error, digits=4)
        if self.lang == "hu":
            return (
                "Egyetlen szereplő sem tartja össze egymagában ezt az ökoszisztémát: a "
                f"legközpontibbak ({names}) kivétele {change} értékkel változtatja a "
                f"távolságalapú fragmentáltságot, ez belül marad a ±{error} hibahatáron."
            )
        return (
            "No single actor holds this ecosystem together: removing the most central "
            f"({names}) changes distance fragmentation by {change}, within its error ±{error}."
        )

    def tie(self, tie: Recommendation) -> str:
        if self.lang == "en":
            return tie.reason
        a, b = tie.labels or tie.tie
        steps = tie.steps_apart
        gain = self.n(tie.gain or 0.0, digits=4)
        apart = (
            "a hálózat külön részeiben van"
            if steps is None
            else f"egymástól {self.n(steps)} lépésnyire van"
        )
        return (
            f"{a} és {b} {apart}: egyetlen közös projekt {gain} értékkel csökkentené a "
            "távolságalapú fragmentáltságot."
        )

    def clusters(self, small: list[str], missing: list[str], total: int) -> str:
        """Each group of clusters named after its own clause (at most three names each)."""

        def named(labels: list[str]) -> str:
            more = len(labels) - 3
            if more <= 0:
                return ", ".join(labels)
            rest = f"és további {self.n(more)}" if self.lang == "hu" else f"and {more} more"
            return f"{', '.join(labels[:3])} {rest}"

        clauses = []
        if self.lang == "hu":
            if small:
                clauses.append(
                    f"{self.n(total)} klaszterből {self.n(len(small))} a kritikus tömeg (15 tag) "
                    f"alatt van: {named(small)}"
                )
            if missing:
                clauses.append(
                    f"{self.n(len(missing))} klaszterből hiányzik egy spirál: {named(missing)}"
                )
            return "; ".join(clauses) + "."
        if small:
            clauses.append(
                f"{len(small)} of {total} clusters are below critical mass (15 members): "
                f"{named(small)}"
            )
        if missing:
            clauses.append(f"{len(missing)} of {total} miss a helix: {named(missing)}")
        return "; ".join(clauses) + "."

    def parallel(self, pairs: list[ParallelInitiative], labels: dict[str, str]) -> str:
        pair = pairs[0]
        first, second = labels[pair.first], labels[pair.second]
        shared = self.n(pair.jaccard, percent=True)
        if self.lang == "hu":
            return (
                f"{self.n(len(pairs))} klaszterpár dolgozik ugyanabban az ágazatban kapcsolat "
                f"nélkül, például {first} és {second} ({shared} közös tag): közös munkára vagy "
                "összevonásra érdemesek."
            )
        return (
            f"{len(pairs)} pair(s) of clusters work in the same sector without ties between "
            f"them, such as {first} and {second} ({shared} shared members): candidates for "
            "joint work or merger."
        )
