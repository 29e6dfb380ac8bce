"""Conversions between citynet networks/views and NetworkX graphs.

NetworkX is imported only when one of these functions runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional

from .errors import UsageError
from .network import NODE_COLUMNS, TIE_COLUMNS, Network, Node

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["from_networkx"]

_BUILTIN_KINDS = ("city", "organisation", "government")


def _networkx():
    try:
        import networkx
    except ImportError as exc:
        raise ImportError("this needs networkx (Debian: apt-get install "
                          "python3-networkx; or pip install networkx)") from exc
    return networkx


def _node_data(node: Node) -> Dict[str, Any]:
    data: Dict[str, Any] = {"kind": node.kind, "name": node.name}
    for field in ("country", "lat", "lon", "population"):
        value = getattr(node, field)
        if value is not None:
            data[field] = value
    data.update(node.attrs)
    return data


def network_to_networkx(network: Network):
    """See :meth:`Network.to_networkx`."""
    nx = _networkx()
    ties = list(network.ties)
    graph = nx.MultiDiGraph() if any(t.directed for t in ties) else nx.MultiGraph()
    graph.graph["kinds"] = network.kinds
    graph.graph["countries"] = [
        {"code": c.code, "name": c.name, "attrs": dict(c.attrs)}
        for c in network.countries]
    graph.graph["group_spells"] = [s._asdict() for s in network.memberships]
    for node in network.nodes:
        graph.add_node(node.id, **_node_data(node))
    for tie in ties:
        data: Dict[str, Any] = {"layer": tie.layer, "weight": tie.weight,
                                "directed": tie.directed}
        for field in ("start", "end", "ref"):
            value = getattr(tie, field)
            if value is not None:
                data[field] = value
        data.update(tie.attrs)
        graph.add_edge(tie.source, tie.target, key=tie.index, **data)
    return graph


def view_to_networkx(view: "View"):
    """See :meth:`View.to_networkx`."""
    nx = _networkx()
    multi = view.options["combine"] == "none"
    if view.directed:
        graph = nx.MultiDiGraph() if multi else nx.DiGraph()
    else:
        graph = nx.MultiGraph() if multi else nx.Graph()
    start, end = view.period
    graph.graph.update({"period_start": start, "period_end": end,
                        "combine": view.options["combine"]})
    for node in view.vertices:
        graph.add_node(node.id, **_node_data(node))
    for edge in view.edges:
        graph.add_edge(edge.source, edge.target, weight=edge.weight,
                       n_ties=edge.n_ties)
    return graph


def _extras(data: Dict[str, Any], mapped, reserved, where: str) -> Dict[str, Any]:
    """Returns the attributes that are not built-in fields; an unmapped
    attribute named like a built-in column is an error."""
    extras = {}
    for key, value in data.items():
        if key in mapped:
            continue
        if key in reserved:
            raise UsageError(f"{where}: attribute {key!r} is a built-in column "
                             "name; map it with the *_attr arguments or "
                             "rename it")
        extras[key] = value
    return extras


def _parse_bool(value: Any, where: str) -> bool:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise UsageError(f"{where}: cannot read {value!r} as a bool")
    return bool(value)


def _edges_in_tie_order(graph):
    """Yields (u, v, data) in tie order: a multigraph made by
    Network.to_networkx() has the tie indices as distinct int keys."""
    if not graph.is_multigraph():
        yield from graph.edges(data=True)
        return
    edges = list(graph.edges(keys=True, data=True))
    keys = [k for _, _, k, _ in edges]
    if all(isinstance(k, int) for k in keys) and len(set(keys)) == len(keys):
        edges.sort(key=lambda e: e[2])
    for u, v, _, data in edges:
        yield u, v, data


def from_networkx(graph, *, kind_attr: str = "kind",
                  default_kind: Optional[str] = None, name_attr: str = "name",
                  country_attr: str = "country", lat_attr: str = "lat",
                  lon_attr: str = "lon", population_attr: str = "population",
                  layer_attr: str = "layer", default_layer: Optional[str] = None,
                  weight_attr: str = "weight", directed_attr: str = "directed",
                  start_attr: str = "start", end_attr: str = "end",
                  ref_attr: str = "ref") -> Network:
    """Builds a :class:`Network` from a NetworkX graph.

    Nodes become nodes (a non-str node key becomes ``str(key)``); every
    edge becomes a tie. The ``*_attr`` arguments name the node and edge
    attributes that hold the built-in fields; every other attribute becomes
    an extra attribute (numbers and bools as text). Kinds found on nodes are
    registered. A node without ``kind_attr`` gets ``default_kind``, an edge
    without ``layer_attr`` gets ``default_layer`` (UsageError when that is
    None). An edge's direction is its ``directed_attr`` when present, else
    whether the graph is directed; weights default to 1. ``graph.graph``
    entries "kinds", "countries" and "group_spells" (as written by
    :meth:`Network.to_networkx`) declare kinds, countries and group spells,
    so ``from_networkx(n.to_networkx())`` equals ``n``.
    """
    network = Network()
    for kind in graph.graph.get("kinds", ()):
        network.register_kind(kind)
    for country in graph.graph.get("countries", ()):
        network.add_country(country["code"], country.get("name"),
                            **country.get("attrs", {}))
    for spell in graph.graph.get("group_spells", ()):
        network.add_country_group(spell["country"], spell["group"],
                                  spell.get("start"), spell.get("end"),
                                  spell.get("ref"))

    node_fields = {kind_attr, name_attr, country_attr, lat_attr, lon_attr,
                   population_attr}
    ids = {}
    for key, data in graph.nodes(data=True):
        node_id = key if isinstance(key, str) else str(key)
        ids[key] = node_id
        kind = data.get(kind_attr, default_kind)
        if kind is None:
            raise UsageError(f"node {node_id!r} has no {kind_attr!r} attribute "
                             "and no default_kind was given")
        if kind not in _BUILTIN_KINDS:
            network.register_kind(kind)
        extras = _extras(data, node_fields, NODE_COLUMNS, f"node {node_id!r}")
        network.add_node(node_id, kind, name=data.get(name_attr),
                         country=data.get(country_attr) or None,
                         lat=data.get(lat_attr), lon=data.get(lon_attr),
                         population=data.get(population_attr), **extras)

    tie_fields = {layer_attr, weight_attr, directed_attr, start_attr, end_attr,
                  ref_attr}
    for u, v, data in _edges_in_tie_order(graph):
        where = f"edge ({ids[u]!r}, {ids[v]!r})"
        layer = data.get(layer_attr, default_layer)
        if layer is None:
            raise UsageError(f"{where} has no {layer_attr!r} attribute and no "
                             "default_layer was given")
        directed = _parse_bool(data[directed_attr], where) \
            if directed_attr in data else graph.is_directed()
        extras = _extras(data, tie_fields, TIE_COLUMNS, where)
        network.add_tie(ids[u], ids[v], layer,
                        weight=data.get(weight_attr, 1.0), directed=directed,
                        start=data.get(start_attr) or None,
                        end=data.get(end_attr) or None,
                        ref=data.get(ref_attr) or None, **extras)
    return network
