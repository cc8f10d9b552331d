"""A self-contained SVG figure of the co-mention graph (no matplotlib, no external references).

Nodes are coloured by theme (hubs in dark grey), the main nodes are labelled, and a
legend lists the themes.  The layout is deterministic (spring layout with a fixed
seed, started from one sector per theme).  The viewBox is 680 units wide, which
prints well at 170 mm.
"""

from __future__ import annotations

import math
from typing import Callable
from xml.sax.saxutils import escape

import networkx as nx

from brief.model import Theme

WIDTH = 680
PLOT_H = 430
MARGIN = 24
# colour-blind-safe palette (Okabe-Ito + Tableau extras)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7F3C8D",
           "#11A579", "#E73F74", "#3969AC", "#80BA5A"]
HUB_COLOUR = "#444444"
NONE_COLOUR = "#BBBBBB"
PER_THEME = 9  # nodes drawn per theme
HUBS_DRAWN = 5
LABELLED_PER_THEME = 3


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _main_nodes(g: nx.Graph, t: Theme, ns: list[str]) -> list[str]:
    by_label = {str(g.nodes[n].get("label", n)): n for n in ns}
    phrases = [by_label[k] for k in t.keyphrases[:2] if k in by_label]
    ents = [e for e in t.entities if e in by_label][:1]
    return phrases + ents


def _pick_nodes(g: nx.Graph, themes: list[Theme]) -> list[str]:
    chosen: list[str] = []
    strength = {n: sum(w for _, _, w in g.edges(n, data="weight")) for n in g}
    for t in themes:
        ns = [n for n in g if g.nodes[n].get("theme") == t.id and not g.nodes[n].get("hub")]
        ns.sort(key=lambda n: (-(g.nodes[n].get("mentions", 1) * (1 + strength[n])), n))
        # the theme's own top key phrases and entities first (they are the ones labelled)
        first = _main_nodes(g, t, ns)
        chosen += first + [n for n in ns if n not in first][: max(0, PER_THEME - len(first))]
    hubs = sorted((n for n in g if g.nodes[n].get("hub")), key=lambda n: (-g.nodes[n].get("mentions", 1), n))
    chosen += hubs[:HUBS_DRAWN]
    if not chosen:
        chosen = sorted(g, key=lambda n: (-g.nodes[n].get("mentions", 1), n))[:40]
    return chosen


def graph_svg(g: nx.Graph, themes: list[Theme]) -> str:
    nodes = _pick_nodes(g, themes)
    keep = set(nodes)
    sub = nx.Graph()  # built in a fixed order: networkx subgraph views iterate a set
    sub.add_nodes_from((n, g.nodes[n]) for n in nodes)
    sub.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(nodes, data=True) if a in keep and b in keep))
    colour = {t.id: PALETTE[i % len(PALETTE)] for i, t in enumerate(themes)}
    xy = _placer(sub, themes)
    max_m = max((sub.nodes[n].get("mentions", 1) for n in sub), default=1)

    def radius(n: str) -> float:
        return 3.0 + 7.0 * math.sqrt(sub.nodes[n].get("mentions", 1) / max_m)

    def fill(n: str) -> str:
        a = sub.nodes[n]
        if a.get("hub"):
            return HUB_COLOUR
        return colour.get(a.get("theme", ""), NONE_COLOUR)

    legend_themes = themes[:12]
    legend_h = 16 * len(legend_themes) + 28
    height = PLOT_H + legend_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="sans-serif" role="img" aria-label="Co-mention graph of the themes">',
        "<title>Co-mention graph: entities and key phrases, coloured by theme</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
    ]
    out += _edges_svg(sub, xy)
    out += _nodes_svg(sub, nodes, xy, radius, fill)
    out += _labels_svg(sub, nodes, _labelled(sub, nodes, themes), xy, radius)
    out += _legend_svg(legend_themes, colour)
    return "\n".join(out)


def _placer(sub: nx.Graph, themes: list[Theme]) -> Callable[[str], tuple[float, float]]:
    """Node -> (x, y) in the plot area: a seeded spring layout started from one sector per theme."""
    order = {t.id: i for i, t in enumerate(themes)}
    k_themes = max(1, len(themes))
    # start each theme in its own sector, hubs in the middle; then relax with a seeded spring layout
    init = {}
    for i, n in enumerate(sorted(sub)):
        attrs = sub.nodes[n]
        if attrs.get("hub"):
            ang, r = 2 * math.pi * (i % 7) / 7, 0.08
        else:
            ti = order.get(attrs.get("theme", ""), k_themes)
            ang = 2 * math.pi * ti / (k_themes + 1) + 0.5 * ((i * 0.618) % 1 - 0.5)
            r = 0.6 + 0.3 * ((i * 0.377) % 1)
        init[n] = (r * math.cos(ang), r * math.sin(ang))
    if sub.number_of_nodes() > 1:
        pos = nx.spring_layout(sub, pos=init, weight="weight", seed=7, iterations=60, k=1.6 / math.sqrt(len(sub)))
    else:
        pos = {n: (0.0, 0.0) for n in sub}
    xs = sorted(float(p[0]) for p in pos.values()) or [0.0]
    ys = sorted(float(p[1]) for p in pos.values()) or [0.0]
    # robust bounds: a loosely tied outlier is pulled to the edge instead of squashing the rest
    lo, hi = int(0.04 * (len(xs) - 1)), int(round(0.96 * (len(xs) - 1)))
    x0, x1, y0, y1 = xs[lo], xs[hi], ys[lo], ys[hi]
    pos = {n: (min(max(float(p[0]), x0), x1), min(max(float(p[1]), y0), y1)) for n, p in pos.items()}
    sx = (WIDTH - 2 * MARGIN - 80) / ((x1 - x0) or 1)
    sy = (PLOT_H - 2 * MARGIN) / ((y1 - y0) or 1)

    def xy(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return MARGIN + 40 + (float(x) - x0) * sx, MARGIN + (float(y) - y0) * sy

    return xy


def _edges_svg(sub: nx.Graph, xy: Callable[[str], tuple[float, float]]) -> list[str]:
    max_w = max((w for _, _, w in sub.edges(data="weight")), default=1.0) or 1.0
    out = ['<g stroke="#999999" stroke-linecap="round">']
    for a, b, w in sorted(sub.edges(data="weight"), key=lambda e: (e[0], e[1])):
        (xa, ya), (xb, yb) = xy(a), xy(b)
        same = sub.nodes[a].get("theme") == sub.nodes[b].get("theme") and sub.nodes[a].get("theme")
        op = 0.15 + 0.45 * (w / max_w)
        out.append(
            f'<line x1="{xa:.1f}" y1="{ya:.1f}" x2="{xb:.1f}" y2="{yb:.1f}" stroke-width="{0.5 + 2.0 * w / max_w:.2f}" '
            f'stroke-opacity="{op if same else op * 0.5:.2f}"/>'
        )
    out.append("</g>")
    return out


def _labelled(sub: nx.Graph, nodes: list[str], themes: list[Theme]) -> set[str]:
    """The nodes drawn with a label: the top nodes of each theme and the hubs."""
    labelled = set()
    for t in themes:
        ns = [n for n in nodes if sub.nodes[n].get("theme") == t.id and not sub.nodes[n].get("hub")]
        main = _main_nodes(sub, t, ns) if t.label != "Other developments" else []
        labelled.update(main or ns[:LABELLED_PER_THEME])
    labelled.update(n for n in nodes if sub.nodes[n].get("hub"))
    return labelled


def _nodes_svg(sub: nx.Graph, nodes: list[str], xy: Callable, radius: Callable[[str], float], fill: Callable[[str], str]) -> list[str]:
    out = ['<g stroke="#FFFFFF" stroke-width="1">']
    for n in nodes:
        x, y = xy(n)
        a = sub.nodes[n]
        shape = (
            f'<rect x="{x - radius(n):.1f}" y="{y - radius(n):.1f}" width="{2 * radius(n):.1f}" height="{2 * radius(n):.1f}"'
            if a.get("kind") == "entity"
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius(n):.1f}"'
        )
        title = escape(f"{a.get('label', n)} ({a.get('mentions', 0)} mentions; theme {a.get('theme') or '-'})")
        out.append(f'{shape} fill="{fill(n)}"><title>{title}</title>{"</rect>" if a.get("kind") == "entity" else "</circle>"}')
    out.append("</g>")
    return out


def _labels_svg(sub: nx.Graph, nodes: list[str], labelled: set[str], xy: Callable, radius: Callable[[str], float]) -> list[str]:
    out = ['<g font-size="10" fill="#222222">']
    for n in nodes:
        if n not in labelled:
            continue
        x, y = xy(n)
        text = escape(_short(str(sub.nodes[n].get("label", n)), 28))
        anchor = "start" if x < WIDTH * 0.75 else "end"
        dx = radius(n) + 2 if anchor == "start" else -(radius(n) + 2)
        weight = ' font-weight="bold"' if sub.nodes[n].get("hub") else ""
        at = f'x="{x + dx:.1f}" y="{y + 3.5:.1f}" text-anchor="{anchor}"{weight}'
        # white halo underneath, then the text (paint-order is not supported everywhere)
        out.append(f'<text {at} fill="#FFFFFF" stroke="#FFFFFF" stroke-width="2.5" stroke-opacity="0.85">{text}</text>')
        out.append(f"<text {at}>{text}</text>")
    out.append("</g>")
    return out


def _legend_svg(legend_themes: list[Theme], colour: dict[str, str]) -> list[str]:
    y = PLOT_H + 10
    out = [f'<g font-size="10.5" fill="#222222">']
    out.append(
        f'<text x="{MARGIN}" y="{y + 4}" font-size="9.5" fill="#555555">Squares: entities · circles: key phrases · '
        f"dark grey: actors present across most themes · size: mentions</text>"
    )
    y += 18
    for t in legend_themes:
        c = colour[t.id]
        out.append(f'<rect x="{MARGIN}" y="{y - 8}" width="10" height="10" fill="{c}"/>')
        out.append(
            f'<text x="{MARGIN + 16}" y="{y + 1}">{escape(t.id)}: {escape(_short(t.label, 90))} '
            f'({len(t.event_ids)} event{"s" if len(t.event_ids) != 1 else ""})</text>'
        )
        y += 16
    out.append("</g></svg>")
    return out
