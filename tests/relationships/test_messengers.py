"""Messenger finding as a pure function: no database."""

import random

import pytest

from juntos.relationships.messengers import (
    NO_PATH,
    NO_TARGET,
    OK,
    TARGET_IS_OURS,
    Edge,
    Graph,
    Node,
    describe,
    find_messengers,
    shortest_path_bfs,
    suggest_categories,
)

OURS = {1, 2}


def graph(edges, names=None, ours=OURS, categories=None):
    ids = {n for e in edges for n in (e[0], e[1])} | set(ours)
    names = names or {}
    categories = categories or {}
    nodes = [
        Node(i, names.get(i, f"N{i}"), ours=i in ours, category=categories.get(i, ""))
        for i in sorted(ids)
    ]
    es = []
    for k, e in enumerate(edges, start=1):
        src, dst, kind, strength = (*e, "generic", 3)[:4] if len(e) < 4 else e[:4]
        role = e[4] if len(e) > 4 else ""
        es.append(Edge(k, src, dst, kind, strength, role))
    return Graph(nodes, es)


def node_ids(chain):
    return [n.id for n in chain.nodes]


def test_direct_relationship_is_a_one_step_chain():
    g = graph([(1, 10, "lobbies", 4)])
    search = find_messengers(g, 10)
    assert search.reason == OK
    assert [node_ids(c) for c in search.chains] == [[1, 10]]
    assert search.chains[0].length == 1


def test_a_strong_longer_chain_outranks_a_weak_shorter_one():
    g = graph(
        [
            (1, 20, "professional", 5),
            (20, 21, "professional", 5),
            (21, 10, "professional", 5),  # 3 steps, all strength 5
            (2, 30, "social", 1),
            (30, 10, "social", 1),  # 2 steps, weak
        ]
    )
    chains = find_messengers(g, 10).chains
    assert [node_ids(c) for c in chains] == [[1, 20, 21, 10], [2, 30, 10]]


def test_met_once_direct_tie_does_not_outrank_a_strong_two_step_chain_and_says_why():
    g = graph([(1, 10, "social", 1), (2, 30, "professional", 5), (30, 10, "professional", 5)])
    chains = find_messengers(g, 10).chains
    assert [node_ids(c) for c in chains] == [[2, 30, 10], [1, 10]]
    assert chains[0].score > chains[1].score
    assert "Score 75 of 100" in chains[0].why and "weakest link is 5/5" in chains[0].why
    assert "Score 20 of 100" in chains[1].why


def test_a_close_direct_tie_still_outranks_a_strong_two_step_chain():
    g = graph([(1, 10, "social", 4), (2, 30, "social", 5), (30, 10, "social", 5)])
    assert [node_ids(c) for c in find_messengers(g, 10).chains] == [[1, 10], [2, 30, 10]]


def test_equally_strong_the_shorter_chain_comes_first():
    g = graph([(1, 10, "social", 5), (2, 30, "social", 5), (30, 10, "social", 5)])
    assert [node_ids(c) for c in find_messengers(g, 10).chains] == [[1, 10], [2, 30, 10]]


def test_the_limit_still_finds_a_stronger_longer_chain():
    # Three weak direct ties fill a limit of 3, but a strong two-step chain beats them.
    edges = [(1, 10, "social", 1), (2, 10, "social", 1), (3, 10, "social", 1)]
    edges += [(1, 20, "social", 5), (20, 10, "social", 5)]
    chains = find_messengers(graph(edges, ours={1, 2, 3}), 10, limit=3).chains
    assert node_ids(chains[0]) == [1, 20, 10]


def test_among_equal_lengths_the_weakest_link_decides():
    g = graph(
        [
            (1, 20, "professional", 5),
            (20, 10, "professional", 2),  # weakest 2, total 7
            (2, 30, "professional", 3),
            (30, 10, "professional", 3),  # weakest 3, total 6
        ]
    )
    chains = find_messengers(g, 10).chains
    assert [node_ids(c) for c in chains] == [[2, 30, 10], [1, 20, 10]]
    assert [c.weakest for c in chains] == [3, 2]


def test_equal_weakest_link_then_total_strength():
    g = graph(
        [
            (1, 20, "professional", 2),
            (20, 10, "professional", 5),  # weakest 2, total 7
            (2, 30, "professional", 2),
            (30, 10, "professional", 2),  # weakest 2, total 4
        ]
    )
    assert [node_ids(c) for c in find_messengers(g, 10).chains] == [[1, 20, 10], [2, 30, 10]]


def test_exact_ties_come_back_in_a_stable_order_by_name():
    edges = [
        (1, 20, "social", 3),
        (20, 10, "social", 3),
        (2, 30, "social", 3),
        (30, 10, "social", 3),
    ]
    names = {1: "Zeta Org", 2: "Alpha Org", 10: "Senator", 20: "Bea", 30: "Cal"}
    first = find_messengers(graph(edges, names), 10).chains
    again = find_messengers(graph(list(reversed(edges)), names), 10).chains
    assert [node_ids(c) for c in first] == [[2, 30, 10], [1, 20, 10]]
    assert [node_ids(c) for c in again] == [node_ids(c) for c in first]
    assert first[0].weakest == first[1].weakest and first[0].total == first[1].total


def test_cycles_do_not_loop_or_repeat_a_person():
    g = graph(
        [
            (1, 20, "social", 3),
            (20, 21, "social", 3),
            (21, 20, "family", 5),
            (21, 22, "social", 3),
            (22, 20, "social", 3),
            (22, 10, "lobbies", 3),
        ]
    )
    chains = find_messengers(g, 10).chains
    assert chains, "a path exists"
    for c in chains:
        ids = node_ids(c)
        assert len(ids) == len(set(ids)), ids
    assert node_ids(chains[0]) == [1, 20, 22, 10]


def test_at_most_four_steps():
    line = [(1, 20), (20, 21), (21, 22), (22, 23), (23, 10)]  # 5 steps
    g = graph([(a, b, "social", 3) for a, b in line])
    search = find_messengers(g, 10)
    assert search.chains == [] and search.reason == NO_PATH
    g4 = graph([(a, b, "social", 3) for a, b in line[1:]] + [(1, 21, "social", 3)])
    assert [c.length for c in find_messengers(g4, 10).chains] == [4]


def test_max_steps_can_be_lowered_and_is_bounded():
    g = graph([(1, 20, "social", 3), (20, 10, "social", 3)])
    assert find_messengers(g, 10, max_steps=1).chains == []
    assert len(find_messengers(g, 10, max_steps=2).chains) == 1
    with pytest.raises(ValueError):
        find_messengers(g, 10, max_steps=5)
    with pytest.raises(ValueError):
        find_messengers(g, 10, max_steps=0)


def test_filter_by_relationship_kind():
    g = graph(
        [
            (1, 20, "family", 5),
            (20, 10, "family", 5),
            (2, 30, "board_member", 2),
            (30, 10, "professional", 2),
        ]
    )
    assert [node_ids(c) for c in find_messengers(g, 10, kinds=["family"]).chains] == [[1, 20, 10]]
    only_work = find_messengers(g, 10, kinds={"board_member", "professional"}).chains
    assert [node_ids(c) for c in only_work] == [[2, 30, 10]]
    assert find_messengers(g, 10, kinds=["donor"]).reason == NO_PATH


def test_missing_target_and_target_already_ours():
    g = graph([(1, 10, "social", 3)])
    missing = find_messengers(g, 999)
    assert missing.reason == NO_TARGET and missing.target is None and missing.chains == []
    assert find_messengers(g, 1).reason == TARGET_IS_OURS


def test_isolated_target_has_no_path():
    g = Graph([Node(1, "Ours", ours=True), Node(10, "Alone")], [])
    assert find_messengers(g, 10).reason == NO_PATH


def test_chain_stops_at_the_first_of_ours():
    # 2 reaches 10 only through 1, who is ours: the chain is 1 → 10, not 2 → 1 → 10.
    g = graph([(2, 1, "social", 5), (1, 10, "social", 3)])
    assert [node_ids(c) for c in find_messengers(g, 10).chains] == [[1, 10]]


def test_strongest_relationship_between_two_people_is_used_once():
    g = graph([(1, 10, "social", 2), (1, 10, "professional", 4)])
    chains = find_messengers(g, 10).chains
    assert len(chains) == 1 and chains[0].steps[0].edge.kind == "professional"


def test_limit_keeps_the_best():
    edges = []
    for i in range(20):
        edges += [(1, 100 + i, "social", 1 + i % 5), (100 + i, 10, "social", 5)]
    chains = find_messengers(graph(edges), 10, limit=3).chains
    assert len(chains) == 3
    assert [c.weakest for c in chains] == [5, 5, 5]


def test_walks_relationships_in_both_directions_and_tells_them_in_their_own():
    names = {1: "Casa Test", 20: "Ana Ruiz", 21: "the Chamber", 22: "Bo Chen", 10: "Sen. Vega"}
    g = graph(
        [
            (20, 1, "board_member", 4, "board chair"),
            (20, 21, "board_member", 4),
            (22, 21, "works_for", 3, "government-relations vice president"),
            (22, 10, "professional", 3, "meets the chief of staff monthly"),
        ],
        names,
    )
    chain = find_messengers(g, 10).chains[0]
    assert node_ids(chain) == [1, 20, 21, 22, 10]
    assert chain.words == (
        "Ana Ruiz sits on the board of Casa Test as board chair; "
        "Ana Ruiz sits on the board of the Chamber; "
        "Bo Chen works for the Chamber as government-relations vice president; "
        "Bo Chen works with Sen. Vega (meets the chief of staff monthly)."
    )
    assert chain.messenger.name == "Bo Chen" and chain.start.name == "Casa Test"


@pytest.mark.parametrize(
    ("kind", "role", "expected"),
    [
        ("works_for", "", "A works for B"),
        ("member_of", "", "A is a member of B"),
        ("family", "", "A and B are family"),
        ("family", "sister", "A is the sister of B"),
        ("donor", "", "A gives to B"),
        ("lobbies", "", "A lobbies B"),
        ("represents", "", "A represents B"),
        ("social", "", "A knows B socially"),
        ("generic", "", "A knows B"),
        ("unheard_of", "", "A knows B"),
    ],
)
def test_each_kind_in_words(kind, role, expected):
    assert describe(Edge(1, 1, 2, kind, 3, role), "A", "B") == expected


def test_interests_suggest_messengers_and_mark_matching_chains():
    assert suggest_categories(["business", "education", "business"]) == ("business", "education")
    assert suggest_categories([]) == () and suggest_categories(["unknown"]) == ()
    g = graph(
        [(1, 20, "social", 3), (20, 10, "social", 3), (2, 30, "social", 3), (30, 10, "social", 3)],
        categories={20: "faith", 30: "business"},
    )
    search = find_messengers(g, 10, interests=["business"])
    assert search.suggested == ("business",)
    matched = {node_ids(c)[1]: c.interest_match for c in search.chains}
    assert matched == {20: False, 30: True}


def test_max_paths_bounds_the_work_and_says_so():
    edges = []
    for i in range(30):
        for j in range(30):
            edges.append((100 + i, 200 + j, "social", 3))
    edges += [(1, 100 + i, "social", 3) for i in range(30)]
    edges += [(200 + j, 10, "social", 3) for j in range(30)]
    search = find_messengers(graph(edges), 10, max_paths=50)
    assert search.truncated
    assert len(search.chains) == 10
    assert not find_messengers(graph(edges), 10).truncated


def _random_graph(seed, n=60, m=150):
    rnd = random.Random(seed)
    edges = []
    for _ in range(m):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            edges.append(
                (a, b, rnd.choice(["social", "professional", "family"]), rnd.randint(1, 5))
            )
    ours = set(rnd.sample(range(n), 4))
    return graph(edges, ours=ours), ours, n


def _brute_force(g, target, max_steps):
    """Every simple path from one of ours to the target, not passing through another."""
    out = []

    def walk(path):
        u = path[-1]
        if len(path) - 1 >= max_steps:
            return
        seen = set()
        for v, _e in g.adj.get(u, ()):
            if v in path or v in seen:
                continue
            seen.add(v)
            if g.is_ours(v):
                out.append(tuple(reversed([*path, v])))
            else:
                walk([*path, v])

    walk([target])
    return out


@pytest.mark.parametrize("seed", range(8))
def test_matches_brute_force_on_random_graphs(seed):
    g, ours, n = _random_graph(seed)
    for target in range(n):
        if target in ours:
            continue
        expected = _brute_force(g, target, 4)
        search = find_messengers(g, target, limit=10_000)
        got = [tuple(node_ids(c)) for c in search.chains]
        assert sorted(got) == sorted(expected), (seed, target)
        keys = [(-round(c.score, 9), c.length, -c.total) for c in search.chains]
        assert keys == sorted(keys)
        bfs = shortest_path_bfs(g, target)
        if expected:
            shortest = min(c.length for c in search.chains)
            assert bfs is not None and len(bfs) - 1 == shortest
        else:
            assert bfs is None or len(bfs) - 1 > 4
