/**
 * The netpol page's own script, inlined after the layout library. It measures
 * every label in the page's real font, wraps long ones, hands the sized graph to
 * ELK (namespaces as compound nodes, edge labels as part of the layout, so they
 * get room of their own instead of landing on a node), draws the result as SVG,
 * and wires selection: clicking a workload highlights its edges and filters the
 * connections table to them. Layout happens in the browser because only the
 * browser knows how wide a label is in the font it draws with.
 *
 * Plain script, no modules; it reads the graph from the page's JSON block and
 * fetches nothing. When done, `#graph` carries `data-layout="done"` and the
 * layout time in `data-layout-ms` (the Chromium test waits for them).
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  // Text widths in px; a node is never narrower than a group label's wrap width,
  // so a namespace box (at least one node plus padding) always holds its title.
  var NODE_TEXT_MAX = 210, NODE_MIN_W = 170, PAD_X = 10, PAD_Y = 7, LINE = 16, DETAIL_LINE = 14;
  var EDGE_TEXT_MAX = 150, EDGE_LINE = 13, EDGE_PAD = 3;
  var GROUP_PAD = 12, GROUP_LINE = 16;

  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var svg = document.getElementById('graph');
  var drawing = document.getElementById('drawing');
  var statusEl = document.getElementById('layout-status');

  // Table filters first: they work whether or not the drawing can be laid out.
  var selected = null;
  var filter = document.getElementById('filter');
  var selection = document.getElementById('selection');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#connections tbody tr[data-from]'));
  function applyFilters() {
    var q = filter.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var mine = selected === null || r.getAttribute('data-from') === selected || r.getAttribute('data-to') === selected;
      var on = mine && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !on;
      if (on) shown++;
    });
    var name = selected === null ? null : data.names[selected];
    selection.textContent = name ? 'Showing ' + shown + ' connection' + (shown === 1 ? '' : 's') + ' of ' + name + '; click the drawing\\'s background to show all.' : '';
  }
  filter.addEventListener('input', applyFilters);
  document.getElementById('actual-size').addEventListener('change', function (ev) {
    drawing.classList.toggle('actual-size', ev.target.checked);
  });

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(e);
    return e;
  }

  var probe = el('text', { x: 0, y: 0, 'class': 'probe' }, svg);
  function textWidth(text, cls) {
    probe.setAttribute('class', 'probe ' + cls);
    probe.textContent = text;
    return probe.getComputedTextLength();
  }

  // Lines no wider than max: breaks after spaces, commas, slashes, '=' and '-', so a
  // selector wraps between its terms; a token wider than a line is cut where it must be.
  function wrap(text, max, cls) {
    var tokens = text.match(/[^\\s,\\/=-]+[\\s,\\/=-]*|[\\s,\\/=-]+/g) || [''];
    var lines = [];
    var line = '';
    tokens.forEach(function (t) {
      if (line && textWidth((line + t).replace(/\\s+$/, ''), cls) > max) { lines.push(line); line = ''; }
      while (!line && t.length > 1 && textWidth(t.replace(/\\s+$/, ''), cls) > max) {
        var n = t.length - 1;
        while (n > 1 && textWidth(t.slice(0, n), cls) > max) n--;
        lines.push(t.slice(0, n));
        t = t.slice(n);
      }
      line += t;
    });
    if (line) lines.push(line);
    return lines.map(function (l) { return l.replace(/\\s+$/, ''); });
  }
  function widest(lines, cls) {
    return lines.reduce(function (m, l) { return Math.max(m, textWidth(l, cls)); }, 0);
  }

  var info = {};
  var groups = data.groups.map(function (g) {
    var lines = wrap(g.label, NODE_MIN_W, 'group-label');
    info[g.id] = { lines: lines, kind: g.kind, label: g.label };
    return {
      id: g.id,
      layoutOptions: { 'elk.padding': '[top=' + (GROUP_PAD + lines.length * GROUP_LINE + 4) + ',left=' + GROUP_PAD + ',bottom=' + GROUP_PAD + ',right=' + GROUP_PAD + ']' },
      children: g.nodes.map(function (n) {
        var lines = wrap(n.label, NODE_TEXT_MAX, 'node-label');
        var w = Math.max(NODE_MIN_W, widest(lines, 'node-label') + 2 * PAD_X, textWidth(n.detail, 'detail') + 2 * PAD_X);
        var h = 2 * PAD_Y + lines.length * LINE + DETAIL_LINE;
        info[n.id] = { lines: lines, detail: n.detail, label: n.label };
        return { id: n.id, width: Math.ceil(w), height: h };
      }),
    };
  });
  var edges = data.edges.map(function (e, i) {
    var edge = { id: 'e' + i, sources: [e.from], targets: [e.to], labels: [] };
    if (data.labelled) {
      var lines = wrap(e.label, EDGE_TEXT_MAX, 'edge-label');
      info['e' + i] = { lines: lines };
      edge.labels.push({ id: 'l' + i, text: e.label, width: Math.ceil(widest(lines, 'edge-label') + 2 * EDGE_PAD), height: lines.length * EDGE_LINE + 2 * EDGE_PAD });
    }
    return edge;
  });
  probe.remove();

  var graph = {
    id: 'root',
    layoutOptions: data.layoutOptions,
    children: groups,
    edges: edges,
  };

  if (!data.groups.length || !data.drawn) {
    drawing.hidden = true;
    statusEl.textContent = data.groups.length
      ? 'Too large to draw in a browser (' + data.edges.length + ' lines); the tables below are complete, and --format dot draws it with Graphviz.'
      : 'Nothing to draw: no workload was scanned.';
    svg.setAttribute('data-layout', 'skipped');
    return;
  }
  var started = performance.now();
  new ELK().layout(graph).then(function (out) {
    var ms = Math.round(performance.now() - started);
    draw(out);
    svg.setAttribute('data-layout-ms', String(ms));
    svg.setAttribute('data-layout', 'done');
    statusEl.textContent = 'Laid out by ' + data.library + ' in ' + ms + ' ms.';
  }).catch(function (err) {
    svg.setAttribute('data-layout', 'failed');
    statusEl.textContent = 'The drawing could not be laid out: ' + err + '. The tables below are complete.';
    console.error(err);
  });

  function lines(parent, textLines, x, top, step, cls) {
    var t = el('text', { 'class': cls }, parent);
    textLines.forEach(function (l, i) {
      var s = el('tspan', { x: x, y: top + (i + 1) * step - 4 }, t);
      s.textContent = l;
    });
    return t;
  }
  function title(parent, text) { el('title', {}, parent).textContent = text; }

  function draw(out) {
    var width = Math.ceil(out.width);
    var height = Math.ceil(out.height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    el('rect', { 'class': 'background', x: 0, y: 0, width: width, height: height }, svg);
    var groupLayer = el('g', { 'class': 'groups' }, svg);
    var edgeLayer = el('g', { 'class': 'edges' }, svg);
    var nodeLayer = el('g', { 'class': 'nodes' }, svg);
    var labelLayer = el('g', { 'class': 'edge-labels' }, svg);
    (out.children || []).forEach(function (g) {
      var gi = info[g.id];
      var box = el('g', { 'class': 'group ' + gi.kind, 'data-id': g.id }, groupLayer);
      title(box, gi.label);
      el('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: 10 }, box);
      lines(box, gi.lines, g.x + GROUP_PAD, g.y + 6, GROUP_LINE, 'group-label');
      (g.children || []).forEach(function (n) {
        var ni = info[n.id];
        var node = el('g', { 'class': 'node', 'data-id': n.id, 'data-group': g.id, tabindex: 0, role: 'button' }, nodeLayer);
        title(node, ni.label + ' (' + ni.detail + ')');
        el('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: 6 }, node);
        lines(node, ni.lines, n.x + PAD_X, n.y + PAD_Y, LINE, 'node-label');
        lines(node, [ni.detail], n.x + PAD_X, n.y + PAD_Y + ni.lines.length * LINE, DETAIL_LINE, 'detail');
      });
    });
    var all = [];
    (function collect(n) { (n.edges || []).forEach(function (e) { all.push(e); }); (n.children || []).forEach(collect); })(out);
    all.forEach(function (e) {
      var i = Number(e.id.slice(1));
      var src = data.edges[i];
      var g = el('g', { 'class': 'edge', 'data-from': src.from, 'data-to': src.to }, edgeLayer);
      title(g, src.fromLabel + (src.both ? ' ⇄ ' : ' → ') + src.toLabel + ': ' + src.label);
      (e.sections || []).forEach(function (s) {
        var pts = [s.startPoint].concat(s.bendPoints || [], [s.endPoint]);
        var path = el('path', { d: pts.map(function (p, k) { return (k ? 'L ' : 'M ') + p.x + ' ' + p.y; }).join(' '), 'marker-end': 'url(#arrow)' }, g);
        if (src.both) path.setAttribute('marker-start', 'url(#arrow)');
      });
      (e.labels || []).forEach(function (l) {
        var lg = el('g', { 'class': 'edge-label', 'data-from': src.from, 'data-to': src.to }, labelLayer);
        title(lg, src.label);
        el('rect', { x: l.x, y: l.y, width: l.width, height: l.height, rx: 3 }, lg);
        lines(lg, info[e.id].lines, l.x + EDGE_PAD, l.y + EDGE_PAD, EDGE_LINE, '');
      });
    });
    wire();
  }

  function wire() {
    var nodes = Array.prototype.slice.call(svg.querySelectorAll('.node'));
    var marks = Array.prototype.slice.call(svg.querySelectorAll('.edge, .edge-label'));
    nodes.forEach(function (n) {
      n.addEventListener('click', function (ev) { ev.stopPropagation(); select(n.getAttribute('data-id')); });
      n.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(n.getAttribute('data-id')); } });
    });
    svg.addEventListener('click', function () { select(null); });
    function select(id) {
      selected = id;
      nodes.forEach(function (n) { n.classList.toggle('selected', n.getAttribute('data-id') === id); });
      marks.forEach(function (e) {
        var on = id === null || e.getAttribute('data-from') === id || e.getAttribute('data-to') === id;
        e.classList.toggle('dim', !on);
        e.classList.toggle('hot', id !== null && on);
      });
      applyFilters();
    }
  }

})();
`;
