/**
 * The Quadlet source (input QL): `.container`, `.pod` and `.kube` units
 * (podman-systemd.unit(5)). A `.kube` unit's `Yaml=` file is handed to the
 * Kubernetes source, looked up by id (source-lookup.ts) so neither source imports the other.
 */
import type { ScanError } from '../../model/finding.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { besideFile, readSideFile } from '../side-file.js';
import type { SourceDefinition } from '../source.js';
import type { SourceFile } from '../source-file.js';
import { sourceById } from '../source-lookup.js';
import { addQuadletContainer, unitBaseName } from './quadlet-container.js';
import { parseUnitFile, type UnitSection } from './unit-file.js';

/** Sections Quadlet and systemd know; `X-` sections are the user's own. */
const KNOWN_SECTIONS = new Set(['Unit', 'Service', 'Install', 'Container', 'Pod', 'Kube', 'Volume', 'Network', 'Image', 'Build', 'Quadlet', 'Socket', 'Timer', 'Path']);

const NAME = /\.(container|pod|kube)$/;

/** Quadlet units: each `[Container]` becomes a workload of kind `Quadlet`. */
export const quadletSource: SourceDefinition = {
  id: 'quadlet',
  input: 'QL',
  matchesName: (path) => NAME.test(path),
  mayContain: () => false,
  matchesContent: () => false,
  parse(src, model, errors) {
    const { sections, problems } = parseUnitFile(src);
    for (const p of problems) errors.push({ file: src.path, line: p.line, column: p.column, message: p.message, code: 'parse' });
    for (const s of sections) {
      if (!KNOWN_SECTIONS.has(s.name) && !s.name.startsWith('X-')) {
        errors.push({ file: src.path, line: s.loc.startLine, column: s.loc.startColumn, message: `unknown section [${s.name}] in a Quadlet unit (expected [Container], [Pod], [Kube], [Unit], [Service], [Install]…)`, code: 'unknown-section' });
      }
    }
    const service = sections.find((s) => s.name === 'Service');
    for (const s of sections) {
      if (s.name === 'Container') addQuadletContainer(s, service, { src, model, errors });
      else if (s.name === 'Pod') addPod(src, s, model);
      else if (s.name === 'Kube') scanKubeYaml(src, s, model, errors);
    }
  },
};

/** A pod has no container of its own: it is a workload for its network settings. */
function addPod(src: SourceFile, section: UnitSection, model: ScanModel): void {
  const name = section.entries.find((e) => e.key === 'PodName')?.value.value ?? unitBaseName(src.path);
  const workload: Workload = { input: 'QL', file: src.path, loc: section.loc, kind: 'Quadlet', name, labels: {}, annotations: {}, containers: [] };
  for (const entry of section.entries) {
    if (entry.key === 'Network') workload.hostNetwork = { value: entry.value.value === 'host', loc: entry.loc };
  }
  model.workloads.push(workload);
}

/** `Yaml=` files go to the Kubernetes source, when one is registered. */
function scanKubeYaml(src: SourceFile, section: UnitSection, model: ScanModel, errors: ScanError[]): void {
  const kubernetes = sourceById('kubernetes');
  for (const entry of section.entries) {
    if (entry.key !== 'Yaml') continue;
    const already = model.files.has(besideFile(src.path, entry.value.value));
    const file = readSideFile(model, src.path, entry.value.value);
    if (!file) {
      errors.push({ file: src.path, line: entry.loc.startLine, column: entry.loc.startColumn, message: `Yaml=${entry.value.value} could not be read`, code: 'read' });
      continue;
    }
    // A file the scan already read on its own is parsed there.
    if (kubernetes && !already) kubernetes.parse(file, model, errors);
  }
}
