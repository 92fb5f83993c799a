"""The map's HTML page: template, legend, search and filter tools.

Everything here is kg's own markup and script; article text never enters
it except as JSON data (``kg.export.html.script_json``) and, in the page,
through ``textContent`` and form values (never parsed as HTML). The page
works offline: vis-network is inlined, and the search and filters are
plain JavaScript over the vis DataSets (nodes and edges are hidden, not
removed, so the counts and positions stay).
"""

from __future__ import annotations

import html
from string import Template

import networkx as nx

# kind filter -> (menu text, statement-node kinds it keeps, edge kinds it keeps,
# whether what denials deny counts). A kept statement node brings its edges
# (speaker, target, deniers) and their ends along.
FILTERS = {
    "all": ("Everything", (), (), False),
    "denials": ("Denials and what they deny", ("denied",), (), True),
    "allegations": ("Allegations and accusations", ("allegation", "accusation"), (), False),
    "claims": ("Claims and confirmations", ("claim", "confirmation"), (), False),
    "refusals": ("Refusals", ("refusal",), (), False),
    "statements": ("Plain statements", ("statement",), (), False),
    "roles": ("Roles", (), ("holds-role-in",), False),
    "accounts": ("Online accounts", (), ("holds-account",), False),
    "consequences": ("Outcomes (convicted, fined, sued ...)", ("consequence",), (), False),
}


def filter_options(G: nx.MultiDiGraph) -> str:
    """<option>s for the filters this map has something for."""
    node_kinds = {d["kind"] for _, d in G.nodes(data=True)}
    edge_kinds = {d["kind"] for _, _, d in G.edges(data=True)}
    out = []
    for key, (label, nkinds, ekinds, denied) in FILTERS.items():
        if key == "all" or set(nkinds) & node_kinds or set(ekinds) & edge_kinds or (denied and "denies" in edge_kinds):
            out.append(f'<option value="{key}">{html.escape(label)}</option>')
    return "".join(out)


def filter_spec() -> dict:
    return {k: {"nodes": list(n), "edges": list(e), "denied": d} for k, (_l, n, e, d) in FILTERS.items()}


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$vis_css</style>
<script>$vis_js</script>
<style>
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; color: #222; }
#kg-header { position: absolute; top: 0; left: 0; right: 0; height: 86px; padding: 6px 14px; box-sizing: border-box;
  border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-header h1 { font-size: 18px; margin: 0 0 2px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#kg-header p { font-size: 12px; margin: 0; color: #555; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#kg-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-top: 6px; font-size: 13px; }
#kg-tools input[type=search] { width: 18em; padding: 2px 6px; font-size: 13px; }
#kg-tools select, #kg-tools button { font-size: 13px; }
#kg-status { color: #555; }
#mynetwork { position: absolute; top: 86px; left: 0; right: 0; bottom: 0; background: #ffffff; }
#kg-legend { position: absolute; top: 96px; right: 10px; z-index: 10; background: rgba(255,255,255,0.93);
  border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; font-size: 13px; line-height: 1.45; max-height: 75%; overflow: auto; }
#kg-legend h2 { font-size: 13px; margin: 4px 0 2px 0; }
#kg-legend .glyph { display: inline-block; width: 1.3em; text-align: center; font-size: 15px; }
#kg-legend .line { display: inline-block; width: 28px; height: 0; border-top-width: 3px; vertical-align: middle; margin-right: 6px; }
/* vis-network's tooltip is one unwrapped line; evidence sentences need wrapping */
/* ... and must lie above the legend */
div.vis-tooltip { white-space: pre-wrap !important; max-width: 38em; font: 13px/1.4 Helvetica, Arial, sans-serif !important;
  z-index: 20 !important; }
</style>
</head>
<body>
<div id="kg-header"><h1>$title</h1><p>$summary</p>
<div id="kg-tools" role="search">
<label>Find <input id="kg-search" type="search" list="kg-names" placeholder="a name, alias or statement" aria-label="find a node"></label>
<datalist id="kg-names"></datalist>
<label>Show <select id="kg-kind" aria-label="which kinds to show">$filters</select></label>
<label><input id="kg-near" type="checkbox"> only within</label>
<select id="kg-depth" aria-label="hops"><option value="1">1 hop</option><option value="2" selected>2 hops</option><option value="3">3 hops</option></select>
<span>of the found node</span>
<button id="kg-reset" type="button">Reset</button>
<span id="kg-status" aria-live="polite"></span>
</div></div>
<div id="mynetwork"></div>
<div id="kg-legend" aria-label="legend">$legend</div>
<script>
(function () {
  var nodes = new vis.DataSet($nodes);
  var edges = new vis.DataSet($edges);
  var options = $options;
  var filters = $filter_spec;
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  window.kgData = {nodes: nodes, edges: edges};
  function ready() { window.kgMapReady = true; document.body.setAttribute("data-ready", "1"); }
  if (options.physics.enabled) {
    // Lay out once, then hold still: a map that keeps moving cannot be read.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
$tools
})();
</script>
</body>
</html>
""")

# The search box and filters. Matching: a node's label, name and aliases
# (lower-cased in its "search" field); an exact match beats a prefix beats a
# substring, and people, organisations and accounts beat statements.
TOOLS = r"""
  var box = document.getElementById("kg-search"), names = document.getElementById("kg-names"),
      kindSel = document.getElementById("kg-kind"), near = document.getElementById("kg-near"),
      depthSel = document.getElementById("kg-depth"), status = document.getElementById("kg-status");
  var AGENTS = {person: 1, organization: 1, account: 1, unresolved: 1};
  var centre = null;
  var listed = {};
  nodes.forEach(function (n) {
    if (listed[n.label]) { return; }
    listed[n.label] = true;
    var o = document.createElement("option");
    o.value = n.label;
    names.appendChild(o);
  });
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var best = null, bestScore = 0;
    nodes.forEach(function (n) {
      var keys = n.search || [String(n.label).toLowerCase()];
      var score = 0;
      for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        var s = k === q ? 3 : (k.indexOf(q) === 0 ? 2 : (k.indexOf(q) >= 0 ? 1 : 0));
        if (s > score) { score = s; }
      }
      if (score && AGENTS[n.kind]) { score += 0.5; }
      if (score > bestScore) { best = n.id; bestScore = score; }
    });
    return best;
  }
  function apply(fit) {
    var spec = filters[kindSel.value] || filters.all;
    var allNodes = nodes.get(), allEdges = edges.get();
    var keepNode = {}, keepEdge = {};
    if (kindSel.value === "all") {
      allNodes.forEach(function (n) { keepNode[n.id] = true; });
      allEdges.forEach(function (e) { keepEdge[e.id] = true; });
    } else {
      var chosen = {};
      allNodes.forEach(function (n) { if (spec.nodes.indexOf(n.kind) >= 0) { chosen[n.id] = true; } });
      if (spec.denied) { allEdges.forEach(function (e) { if (e.kind === "denies") { chosen[e.to] = true; } }); }
      allEdges.forEach(function (e) {
        if (chosen[e.from] || chosen[e.to] || spec.edges.indexOf(e.kind) >= 0) {
          keepEdge[e.id] = true; keepNode[e.from] = true; keepNode[e.to] = true;
        }
      });
    }
    if (centre !== null && near.checked) {
      var adj = {};
      allEdges.forEach(function (e) {
        if (!keepEdge[e.id]) { return; }
        (adj[e.from] = adj[e.from] || []).push(e.to);
        (adj[e.to] = adj[e.to] || []).push(e.from);
      });
      var depth = parseInt(depthSel.value, 10), dist = {}, queue = [centre];
      dist[centre] = 0;
      while (queue.length) {
        var u = queue.shift();
        if (dist[u] >= depth) { continue; }
        (adj[u] || []).forEach(function (v) { if (!(v in dist)) { dist[v] = dist[u] + 1; queue.push(v); } });
      }
      keepNode = {};
      Object.keys(dist).forEach(function (id) { keepNode[id] = true; });
      allEdges.forEach(function (e) { keepEdge[e.id] = keepEdge[e.id] && keepNode[e.from] && keepNode[e.to]; });
    }
    var shown = [];
    nodes.update(allNodes.map(function (n) { if (keepNode[n.id]) { shown.push(n.id); } return {id: n.id, hidden: !keepNode[n.id]}; }));
    edges.update(allEdges.map(function (e) { return {id: e.id, hidden: !keepEdge[e.id]}; }));
    status.textContent = shown.length + " of " + allNodes.length + " nodes shown" +
      (centre !== null ? " \u00b7 found: " + nodes.get(centre).label :
       (near.checked ? " \u00b7 find or click a node to centre on" : ""));
    // vis fits hidden nodes too: frame what is shown.
    if (fit && shown.length) { network.fit({nodes: shown, animation: false}); }
    return shown.length;
  }
  function go(text) {
    var id = find(text);
    if (id === null) { status.textContent = "nothing on this map matches \u201c" + text + "\u201d"; return null; }
    centre = id;
    if (nodes.get(id).hidden) { kindSel.value = "all"; }
    apply(near.checked);
    network.selectNodes([id]);
    if (!near.checked) { network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false}); }
    return id;
  }
  box.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(box.value); } });
  box.addEventListener("change", function () { go(box.value); });
  function refit() { apply(true); }
  kindSel.addEventListener("change", refit);
  near.addEventListener("change", refit);
  depthSel.addEventListener("change", refit);
  // A clicked node becomes the centre of "only within N hops".
  network.on("click", function (p) { if (p.nodes.length) { centre = p.nodes[0]; if (near.checked) { refit(); } } });
  document.getElementById("kg-reset").addEventListener("click", function () {
    centre = null; box.value = ""; kindSel.value = "all"; near.checked = false;
    apply(false); status.textContent = ""; network.unselectAll(); network.fit({animation: false});
  });
  window.kgFind = go;
  window.kgApply = apply;
"""


def legend(G: nx.MultiDiGraph, node_style: dict, edge_style: dict) -> str:
    node_kinds = {d["kind"] for _, d in G.nodes(data=True)}
    edge_kinds = {d["kind"] for _, _, d in G.edges(data=True)}
    parts = ["<h2>Nodes</h2>"]
    for kind, (label, _shape, colour, glyph) in node_style.items():
        if kind in node_kinds:
            parts.append(f'<div><span class="glyph" style="color:{colour}">{glyph}</span> {html.escape(label)}</div>')
    parts.append('<div style="color:#666;font-size:11px">size: how often involved</div>')
    if edge_kinds:
        parts.append("<h2>Edges</h2>")
    for kind, (label, colour, dashed) in edge_style.items():
        if kind in edge_kinds:
            style = f"border-top-style:{'dashed' if dashed else 'solid'};border-top-color:{colour}"
            parts.append(f'<div><span class="line" style="{style}"></span>{html.escape(label)}</div>')
    parts.append('<div style="color:#666;font-size:11px">“×3”: three statements on one edge</div>')
    return "".join(parts)
