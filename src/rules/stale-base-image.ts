/**
 * stale-base-image: the guides' "keep images up to date". An image built long ago
 * carries every fix published since only if nobody needed one; the base layers
 * are usually the bulk of what is installed. Judged on the image config's
 * `created` time and, when `--containerfile` linked the layers to the
 * instructions that made them, on when the base's last layer was made (the
 * history `created` of the last layer no instruction of the Containerfile made).
 * Options: `{ maxAgeDays: 90 }`.
 */
import type { BuildSpec } from '../model/build-spec.js';
import { finalStage, stageChain } from '../model/build-spec.js';
import type { ImageSpec } from '../model/image-spec.js';
import type { Location } from '../model/location.js';
import { defineRule } from './rule.js';
import { imageResource } from './support/image-findings.js';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_AGE_DAYS = 90;

function maxAgeDays(options: unknown): number {
  const n = (options as { maxAgeDays?: unknown } | undefined)?.maxAgeDays;
  return typeof n === 'number' && n > 0 ? n : DEFAULT_MAX_AGE_DAYS;
}

function time(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  // Reproducible builds set `created` to the epoch (SOURCE_DATE_EPOCH=0): no age to judge.
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

/** When the base was made: the last history step before the first layer the Containerfile made. */
function baseCreated(image: ImageSpec): { created: number; layers: number; instruction: Location } | undefined {
  const firstOwn = image.layers.findIndex((l) => l.instruction !== undefined);
  if (firstOwn <= 0) return undefined;
  const ownStep = image.layers[firstOwn]!.historyIndex;
  const lastBase = image.layers[firstOwn - 1]!.historyIndex;
  if (lastBase === undefined) return undefined;
  let created: number | undefined;
  for (let h = lastBase; h < (ownStep ?? lastBase + 1); h++) created = time(image.history[h]?.created) ?? created;
  created ??= time(image.history[lastBase]?.created);
  return created === undefined ? undefined : { created, layers: firstOwn, instruction: image.layers[firstOwn]!.instruction! };
}

/** The `FROM` of the final stage's chain in the Containerfile that made `instruction`. */
function fromLine(builds: readonly BuildSpec[], instruction: Location): Location | undefined {
  const build = builds.find((b) => b.file === instruction.file);
  const final = build ? finalStage(build) : undefined;
  return final && build ? stageChain(build, final).reverse()[0]?.from.loc : undefined;
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export default defineRule({
  id: 'stale-base-image',
  title: 'Image or its base built longer ago than the allowed age',
  severity: 'low',
  inputs: ['IMG', 'DF'],
  rationale:
    'Distributions publish security fixes every week; an image, or the base it was built on, that has not been rebuilt for months carries every vulnerability fixed since. Rebuilding on a fresh base is the cheapest way to take them.',
  remedy: 'Rebuild the image regularly on a current base (`--pull`), pin the base by digest and let a bot (Renovate, Dependabot) move the pin.',
  references: [
    { title: 'CIS Docker Benchmark 4.7/5.27: Ensure images are up to date and rebuilt' },
    { title: 'NIST SP 800-190 4.1.1: Image vulnerabilities (keep images current)' },
  ],
  details:
    'The age limit is `maxAgeDays` (default 90): `rules: { stale-base-image: { options: { maxAgeDays: 30 } } }`. The base is judged when `seaworthy image --containerfile` linked the layers to the instructions that made them; the finding then also points at the `FROM` line. An image whose `created` is the epoch (a reproducible build) or missing is not judged.',
  messages: {
    image: 'The image was built on {{date}}, {{days}} days ago (more than {{max}}): rebuild it on a current base.',
    base: 'The image\'s base ({{layers}} layers, up to {{layer}}) was built on {{date}}, {{days}} days ago (more than {{max}}): rebuild on a current base image.',
  },
  check(ctx) {
    const max = maxAgeDays(ctx.settings.options['stale-base-image']);
    const now = Date.now();
    const builds = ctx.builds();
    for (const image of ctx.images()) {
      const created = time(image.created);
      if (created !== undefined && now - created > max * DAY) {
        ctx.report({ messageId: 'image', data: { date: day(created), days: Math.floor((now - created) / DAY), max }, loc: image.loc, resource: imageResource(image) });
      }
      const base = baseCreated(image);
      if (!base || now - base.created <= max * DAY) continue;
      const from = fromLine(builds, base.instruction);
      ctx.report({
        messageId: 'base',
        data: { layers: base.layers, layer: image.layers[base.layers - 1]!.digest, date: day(base.created), days: Math.floor((now - base.created) / DAY), max },
        loc: from ?? image.loc,
        resource: imageResource(image, undefined, base.layers - 1),
        ...(from ? { related: [{ message: 'the image this Containerfile was built into', location: image.loc }] } : {}),
      });
    }
  },
});
