/**
 * The ELK options the netpol page lays its graph out with; shared with
 * `bench/netpol-layout.ts`, so the benchmark measures what the page runs.
 */
export const ELK_LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  // One layout over all levels: edges between namespaces are routed by ELK
  // around the namespace boxes, not drawn straight across them.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Port labels are laid out as boxes of their own, so no label lands on a node.
  'elk.edgeLabels.placement': 'CENTER',
  'elk.spacing.nodeNode': '24',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '8',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  // Every coordinate relative to the drawing, whatever box a node or edge sits in.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};
