"""Benchmark: messenger finding over a synthetic graph of 1,000,000 relationships.

    uv run python bench/messengers.py [--edges 1000000] [--nodes 200000] [--ours 2000]
                                      [--queries 200] [--seed 7]

Builds a random graph (people and organizations, a few of them ours), then for the same
random targets times `juntos.relationships.messengers.find_messengers` (the best 10
chains, shortest then strongest, at most 4 steps) beside a plain breadth-first search
written here (the nearest of ours only, no ranking), in the same run. No database.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(USE_I18N=False)

from juntos.relationships.messengers import Edge, Graph, Node, find_messengers  # noqa: E402

KINDS = (
    "works_for",
    "board_member",
    "member_of",
    "family",
    "donor",
    "professional",
    "social",
    "lobbies",
    "represents",
    "generic",
)


def build(n_nodes: int, n_edges: int, n_ours: int, seed: int) -> Graph:
    rnd = random.Random(seed)
    ours = set(rnd.sample(range(n_nodes), n_ours))
    nodes = [Node(i, f"Contact {i}", ours=i in ours) for i in range(n_nodes)]
    # Some people are hubs (chambers, party offices): a skewed choice of one end.
    hubs = rnd.sample(range(n_nodes), n_nodes // 100)
    edges = []
    for k in range(n_edges):
        a = rnd.randrange(n_nodes)
        b = rnd.choice(hubs) if rnd.random() < 0.2 else rnd.randrange(n_nodes)
        if a == b:
            b = (b + 1) % n_nodes
        edges.append(Edge(k, a, b, rnd.choice(KINDS), rnd.randint(1, 5)))
    return Graph(nodes, edges)


def plain_bfs(adj: dict, is_ours, target: int, max_steps: int = 4):
    """Breadth-first search from the target to the nearest of ours: the reference."""
    parent = {target: None}
    frontier = [target]
    for _ in range(max_steps):
        nxt = []
        for u in frontier:
            for v, _e in adj.get(u, ()):
                if v in parent:
                    continue
                parent[v] = u
                if is_ours(v):
                    path = [v]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path
                nxt.append(v)
        frontier = nxt
    return None


def plain_bfs_ball(adj: dict, target: int, max_steps: int = 4) -> int:
    """Breadth-first search of everyone within max_steps of the target (no early stop)."""
    seen = {target}
    frontier = [target]
    for _ in range(max_steps):
        nxt = []
        for u in frontier:
            for v, _e in adj.get(u, ()):
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    return len(seen)


def summary(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"{label:<34} mean {statistics.fmean(ms):8.2f} ms   median {statistics.median(ms):8.2f} ms"
        f"   p95 {p95:8.2f} ms   max {ms[-1]:8.2f} ms"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--ours", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    graph = build(args.nodes, args.edges, args.ours, args.seed)
    built = time.perf_counter() - started
    print(
        f"graph: {args.nodes:,} contacts, {args.edges:,} relationships, {args.ours:,} ours; "
        f"built in {built:.1f} s"
    )

    rnd = random.Random(args.seed + 1)
    targets = []
    while len(targets) < args.queries:
        t = rnd.randrange(args.nodes)
        if not graph.is_ours(t):
            targets.append(t)

    ours_times, bfs_times, lengths, counts, agree = [], [], [], [], 0
    kinds_times, ball_times, ball_sizes = [], [], []
    for t in targets:
        t0 = time.perf_counter()
        search = find_messengers(graph, t, limit=10)
        t1 = time.perf_counter()
        path = plain_bfs(graph.adj, graph.is_ours, t)
        t2 = time.perf_counter()
        find_messengers(graph, t, kinds={"board_member", "works_for", "professional"}, limit=10)
        t3 = time.perf_counter()
        ball_sizes.append(plain_bfs_ball(graph.adj, t))
        t4 = time.perf_counter()
        ball_times.append(t4 - t3)
        ours_times.append(t1 - t0)
        bfs_times.append(t2 - t1)
        kinds_times.append(t3 - t2)
        counts.append(len(search.chains))
        if search.chains:
            lengths.append(search.chains[0].length)
        shortest = search.chains[0].length if search.chains else None
        if shortest == (len(path) - 1 if path else None):
            agree += 1

    print(f"queries: {len(targets)} random targets, same targets for every method")
    print(summary("find_messengers (10 best chains)", ours_times))
    print(summary("find_messengers, 3 kinds only", kinds_times))
    print(summary("plain BFS (nearest of ours only)", bfs_times))
    print(summary("plain BFS (whole 4-step ball)", ball_times))
    print(f"4-step ball around a target: mean {statistics.fmean(ball_sizes):,.0f} contacts")
    print(
        f"chains found per query: mean {statistics.fmean(counts):.1f}; "
        f"targets reached: {sum(1 for c in counts if c)}/{len(counts)}; "
        f"shortest chain length: mean {statistics.fmean(lengths) if lengths else 0:.2f}"
    )
    print(f"shortest length agrees with the BFS on {agree}/{len(targets)} targets")


if __name__ == "__main__":
    main()
