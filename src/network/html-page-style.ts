/** The netpol page's stylesheet, inlined (the page loads nothing). */
export const PAGE_CSS = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.drawing { overflow: auto; border: 1px solid #d0d7de; border-radius: 8px; }
.drawing svg { display: block; max-width: 100%; height: auto; }
.drawing.actual-size svg { max-width: none; }
.toolbar { margin: 0.4rem 0; display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
#layout-status { color: #57606a; }
.background { fill: #fafbfc; }
.group > rect { fill: #eef4fb; stroke: #8fb3d9; }
.group.outside > rect, .group.other-pods > rect { fill: #fdf6ec; stroke: #d9a45b; stroke-dasharray: 6 4; }
.group-label { font-weight: 600; font-size: 13px; fill: #24415f; }
.node rect { fill: #fff; stroke: #4a6f96; }
.node-label { font-size: 13px; fill: #1b1f24; }
.detail { font-size: 11px; fill: #57606a; }
.node { cursor: pointer; }
.node.selected rect { stroke: #d1242f; stroke-width: 2; }
.edge path { fill: none; stroke: #57606a; stroke-width: 1.3; }
#arrow path { fill: #57606a; }
.edge-label rect { fill: #fafbfc; fill-opacity: 0.9; stroke: none; }
.edge-label text { font-size: 11px; fill: #0b5cad; }
.probe { visibility: hidden; }
.dim { opacity: 0.1; }
.edge.hot path { stroke: #d1242f; stroke-width: 2.2; }
table { border-collapse: collapse; margin-top: 0.5rem; max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; font-size: 0.9rem; overflow-wrap: anywhere; }
td.ok { color: #1a7f37; } td.open { color: #cf222e; font-weight: 600; }
#filter { padding: 0.3rem; width: 20rem; max-width: 100%; }
footer { margin-top: 2rem; color: #57606a; font-size: 0.8rem; }
`;
