"""Messenger finding: the best chains of relationships from the coalition's own people to a
target, as a pure function over plain values (no database).

Seed 001: "think strategically about who, and what, is most likely to influence a
particular decision maker". A chain starts at one of ours (a member organization or a
person of the coalition), passes through people who are not ours and ends at the target.

Order: by a score that weighs strength and length together: a chain is as good as its
weakest link (its strength out of 5), and each step beyond the first costs a quarter
(LENGTH_COST). A "met once" direct tie (0.2) does not outrank a strong two-step chain
(5 and 5: 0.75), while a close direct tie (4: 0.8) still does. Ties go to the shorter
chain, then the total strength, then names (so ties always come out in the same order).
At most four steps. `Chain.why` says how a chain was scored.
Relationships are walked both ways (if A works for B, B can also speak to A); between
two people only the strongest relationship of the allowed kinds is used.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MAX_STEPS = 4
LENGTH_COST = 0.75  # each step beyond the first: one more person to ask a favour of

# Interest of a target → categories of messengers worth looking for (seed 001: a
# congressman who cares about business hears a business owner).
INTEREST_MESSENGERS = {
    "business": ("business",),
    "economic_development": ("business", "labor"),
    "agriculture": ("business", "community"),
    "education": ("education",),
    "faith": ("faith",),
    "law_enforcement": ("law_enforcement",),
    "health": ("health",),
    "labor": ("labor",),
    "civil_rights": ("community", "faith"),
    "media": ("press",),
}

OK = "ok"
NO_TARGET = "no_target"
TARGET_IS_OURS = "target_is_ours"
NO_PATH = "no_path"


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    name: str
    ours: bool = False
    category: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    """source → target, read in that direction: "source works for target"."""

    id: int
    source: int
    target: int
    kind: str
    strength: int
    role: str = ""


class Graph:
    """Nodes and an adjacency list; each list is sorted strongest first."""

    def __init__(self, nodes, edges):
        self.nodes: dict[int, Node] = {n.id: n for n in nodes}
        self.ours: frozenset[int] = frozenset(n.id for n in self.nodes.values() if n.ours)
        adj: dict[int, list[tuple[int, Edge]]] = {}
        for e in edges:
            if e.source == e.target:
                continue
            adj.setdefault(e.source, []).append((e.target, e))
            adj.setdefault(e.target, []).append((e.source, e))
        for neighbours in adj.values():
            neighbours.sort(key=lambda pair: (-pair[1].strength, pair[1].id))
        self.adj = adj

    def node(self, node_id: int) -> Node:
        return self.nodes.get(node_id) or Node(node_id, f"#{node_id}")

    def is_ours(self, node_id: int) -> bool:
        return node_id in self.ours


def describe(edge: Edge, source_name: str, target_name: str) -> str:
    """One relationship in words, in its own direction."""
    a, b, role = source_name, target_name, edge.role
    k = edge.kind
    if k == "works_for":
        if role:
            return _("%(a)s works for %(b)s as %(role)s") % {"a": a, "b": b, "role": role}
        return _("%(a)s works for %(b)s") % {"a": a, "b": b}
    if k == "board_member":
        if role:
            return _("%(a)s sits on the board of %(b)s as %(role)s") % {
                "a": a,
                "b": b,
                "role": role,
            }
        return _("%(a)s sits on the board of %(b)s") % {"a": a, "b": b}
    if k == "family":
        if role:
            return _("%(a)s is the %(role)s of %(b)s") % {"a": a, "b": b, "role": role}
        return _("%(a)s and %(b)s are family") % {"a": a, "b": b}
    phrases = {  # translated once chosen: a contact page describes a hundred
        "member_of": gettext_noop("%(a)s is a member of %(b)s"),
        "donor": gettext_noop("%(a)s gives to %(b)s"),
        "professional": gettext_noop("%(a)s works with %(b)s"),
        "social": gettext_noop("%(a)s knows %(b)s socially"),
        "lobbies": gettext_noop("%(a)s lobbies %(b)s"),
        "represents": gettext_noop("%(a)s represents %(b)s"),
    }
    text = _(phrases.get(k, gettext_noop("%(a)s knows %(b)s"))) % {"a": a, "b": b}
    if role:
        text = _("%(text)s (%(role)s)") % {"text": text, "role": role}
    return text


@dataclass(frozen=True)
class Step:
    frm: Node
    to: Node
    edge: Edge

    @property
    def words(self) -> str:
        names = {self.frm.id: self.frm.name, self.to.id: self.to.name}
        return describe(self.edge, names[self.edge.source], names[self.edge.target])


@dataclass(frozen=True)
class Chain:
    steps: tuple[Step, ...]
    interest_match: bool = False

    @property
    def length(self) -> int:
        return len(self.steps)

    @property
    def weakest(self) -> int:
        return min(s.edge.strength for s in self.steps)

    @property
    def total(self) -> int:
        return sum(s.edge.strength for s in self.steps)

    @property
    def start(self) -> Node:
        return self.steps[0].frm

    @property
    def messenger(self) -> Node:
        """Who carries the message to the target: the last link before it."""
        return self.steps[-1].frm

    @property
    def nodes(self) -> list[Node]:
        return [self.steps[0].frm] + [s.to for s in self.steps]

    @property
    def words(self) -> str:
        return "; ".join(s.words for s in self.steps) + "."

    @property
    def score(self) -> float:
        """Between 0 and 1: the weakest link's strength out of 5, less LENGTH_COST for each
        step beyond the first."""
        return (self.weakest / 5) * LENGTH_COST ** (self.length - 1)

    @property
    def why(self) -> str:
        return _(
            "Score %(score)d of 100: its weakest link is %(weakest)d/5 and it takes "
            "%(steps)d step(s); each step beyond the first counts a quarter less."
        ) % {"score": round(self.score * 100), "weakest": self.weakest, "steps": self.length}

    def sort_key(self):
        return (
            -round(self.score, 9),
            self.length,
            -self.total,
            tuple(n.name.casefold() for n in self.nodes),
            tuple(s.edge.id for s in self.steps),
        )


@dataclass
class Search:
    target: Node | None
    chains: list[Chain] = field(default_factory=list)
    reason: str = OK
    truncated: bool = False
    suggested: tuple[str, ...] = ()


def suggest_categories(interests) -> tuple[str, ...]:
    """Messenger categories suggested by a target's interests, in the interests' order."""
    out: list[str] = []
    for interest in interests or ():
        for category in INTEREST_MESSENGERS.get(interest, ()):
            if category not in out:
                out.append(category)
    return tuple(out)


def find_messengers(
    graph: Graph,
    target_id: int,
    *,
    kinds=None,
    max_steps: int = MAX_STEPS,
    limit: int = 10,
    interests=(),
    max_paths: int = 50_000,
) -> Search:
    """The best `limit` chains from one of ours to `target_id` (see the module docstring).

    `kinds` limits the relationship kinds walked (None = all). `max_paths` bounds the work
    on very dense graphs; `truncated` says when it was reached.
    """
    if not 1 <= max_steps <= MAX_STEPS:
        raise ValueError(f"max_steps must be between 1 and {MAX_STEPS}")
    suggested = suggest_categories(interests)
    target = graph.nodes.get(target_id)
    if target is None:
        return Search(None, reason=NO_TARGET, suggested=suggested)
    if target.ours:
        return Search(target, reason=TARGET_IS_OURS, suggested=suggested)
    allowed = frozenset(kinds) if kinds else None
    adj = graph.adj

    def neighbours(u):
        seen = set()
        for v, e in adj.get(u, ()):
            if v in seen or (allowed is not None and e.kind not in allowed):
                continue
            seen.add(v)  # the first one is the strongest: lists are sorted
            yield v, e

    ours = graph.ours

    # The search deepens one length at a time and stops as soon as it has `limit`
    # chains, so a well-connected target costs a 2- or 3-step search, not a 4-step one.
    # For each length L:
    #  1. the ball: everyone within L steps of the target, not walking through ours
    #     (a chain begins at the first of ours it meets);
    #  2. inside the ball, each person's distance to the nearest of ours;
    #  3. every simple path of exactly L steps from the target to one of ours, pruned
    #     by (2): a person is entered only if one of ours is near enough.
    dist_t = {target_id: 0}
    frontier = [target_id]
    chains: list[Chain] = []
    truncated = False
    budget = max_paths
    for length in range(1, max_steps + 1):
        nxt = []
        for u in frontier:
            if u in ours:
                continue
            for v, e in adj.get(u, ()):
                if v not in dist_t and (allowed is None or e.kind in allowed):
                    dist_t[v] = length
                    nxt.append(v)
        frontier = nxt
        sources = [n for n in dist_t if n in ours]
        if not sources:
            continue
        dist_s = dict.fromkeys(sources, 0)
        layer = sources
        for depth in range(1, length):
            nxt_layer = []
            for u in layer:
                for v, e in adj.get(u, ()):
                    if (
                        v in dist_t
                        and v not in dist_s
                        and v not in ours
                        and v != target_id
                        and (allowed is None or e.kind in allowed)
                    ):
                        dist_s[v] = depth
                        nxt_layer.append(v)
            layer = nxt_layer

        found: list[tuple[list[int], list[Edge]]] = []
        path_nodes = [target_id]
        path_edges: list[Edge] = []
        on_path = {target_id}

        def walk(
            u,
            depth,
            length=length,
            found=found,
            path_nodes=path_nodes,
            path_edges=path_edges,
            on_path=on_path,
            dist_s=dist_s,
        ):
            nonlocal budget
            for v, e in neighbours(u):
                if budget <= 0:
                    return
                if v in on_path:
                    continue
                ds = dist_s.get(v)
                if ds is None or depth + 1 + ds > length:
                    continue
                if v in ours:
                    if depth + 1 == length:
                        found.append((path_nodes + [v], path_edges + [e]))
                        budget -= 1
                    continue
                if depth + 1 < length:
                    on_path.add(v)
                    path_nodes.append(v)
                    path_edges.append(e)
                    walk(v, depth + 1)
                    path_edges.pop()
                    path_nodes.pop()
                    on_path.discard(v)

        walk(target_id, 0)
        batch = [_chain(graph, nodes, edges, suggested) for nodes, edges in found]
        batch.sort(key=Chain.sort_key)
        chains.extend(batch)
        if budget <= 0:
            truncated = True
            break
        if len(chains) >= limit:
            # A longer chain scores at most LENGTH_COST ** length (every link at 5/5):
            # stop when the kept chains already beat that.
            chains.sort(key=Chain.sort_key)
            if chains[limit - 1].score >= LENGTH_COST**length:
                break
    chains.sort(key=Chain.sort_key)
    return Search(
        target,
        chains=chains[:limit],
        reason=OK if chains else NO_PATH,
        truncated=truncated,
        suggested=suggested,
    )


def _chain(graph: Graph, nodes: list[int], edges: list[Edge], suggested) -> Chain:
    # nodes run target → ... → one of ours; a chain reads from ours to the target.
    nodes = nodes[::-1]
    edges = edges[::-1]
    steps = tuple(
        Step(graph.node(nodes[i]), graph.node(nodes[i + 1]), edges[i]) for i in range(len(edges))
    )
    messenger = steps[-1].frm
    return Chain(steps, interest_match=bool(suggested) and messenger.category in suggested)


def shortest_path_bfs(graph: Graph, target_id: int, *, max_steps: int = MAX_STEPS):
    """A plain breadth-first search from the target to the nearest of ours: the reference
    the benchmark compares with. Returns the node ids from ours to the target, or None."""
    if target_id not in graph.nodes:
        return None
    parent = {target_id: None}
    frontier = [target_id]
    for _depth in range(max_steps):
        nxt = []
        for u in frontier:
            for v, _e in graph.adj.get(u, ()):
                if v in parent:
                    continue
                parent[v] = u
                if graph.is_ours(v):
                    path = [v]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path
                nxt.append(v)
        frontier = nxt
    return None
