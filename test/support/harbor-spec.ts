/**
 * Harbor's Pluggable Scanner API document (../shared/conformance/harbor-scanner-spec,
 * read in place, never copied) as a response validator: the operation's response
 * for a status, the media type among its `content` keys, the body against that
 * media type's schema with Ajv (OpenAPI 3.0 schemas are JSON Schema plus a few
 * annotations, which Ajv is told to ignore), headers the response declares.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { load as loadYaml } from 'js-yaml';
import { conformanceDir } from './prerequisites.js';

export const SPEC_FILE = join(conformanceDir, 'harbor-scanner-spec/api/spec/scanner-adapter-openapi-v1.2.yaml');

interface Operation {
  responses: Record<string, { headers?: Record<string, { schema: object }>; content?: Record<string, { schema: object }> }>;
}

export interface SpecResponse {
  method: 'get' | 'post';
  /** The spec's path template (`/scan/{scan_request_id}/report`). */
  path: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

export class HarborSpec {
  readonly document: { paths: Record<string, Record<string, Operation>>; servers: Array<{ url: string }>; info: { version: string } };
  private readonly ajv: InstanceType<typeof AjvModule.default>;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** How many responses were validated, by operation and status. */
  readonly counts = new Map<string, number>();

  constructor(file = SPEC_FILE) {
    this.document = loadYaml(readFileSync(file, 'utf8')) as HarborSpec['document'];
    // strict: false — the document's `example`, `nullable` and a stray `descriptions` are annotations here.
    this.ajv = new AjvModule.default({ strict: false, allErrors: true });
    ajvFormats.default(this.ajv);
    this.ajv.addFormat('url', (s: string) => URL.canParse(s));
    this.ajv.addFormat('float', true);
    this.ajv.addSchema({ components: (this.document as unknown as { components: object }).components }, 'spec');
  }

  /** Problems of one response against the document; [] when it conforms. */
  check(r: SpecResponse): string[] {
    const op = this.document.paths[r.path]?.[r.method];
    if (!op) return [`${r.method.toUpperCase()} ${r.path} is not in the document`];
    const response = op.responses[String(r.status)];
    if (!response) return [`${r.method.toUpperCase()} ${r.path}: status ${r.status} is not a response the document defines (${Object.keys(op.responses).join(', ')})`];
    const key = `${r.method.toUpperCase()} ${r.path} ${r.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const problems: string[] = [];
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const value = r.headers[name.toLowerCase()];
      if (value === undefined) problems.push(`${key}: header ${name} missing`);
      else if ((h.schema as { type?: string }).type === 'integer' && !/^\d+$/.test(value)) problems.push(`${key}: header ${name} is not an integer: ${value}`);
    }
    const contentType = r.headers['content-type'];
    if (!response.content) {
      // No content in the document (302, 404): a body, if any, must be the error type.
      if (r.body && contentType !== 'application/vnd.scanner.adapter.error+json; version=1.0') problems.push(`${key}: body of type ${contentType} where the document defines none`);
      return problems;
    }
    const media = contentType === undefined ? undefined : response.content[contentType];
    if (!media) return [...problems, `${key}: Content-Type ${JSON.stringify(contentType)} is not one of ${Object.keys(response.content).join(' | ')}`];
    const schemaKey = JSON.stringify(media.schema);
    const ref = (media.schema as { $ref?: string }).$ref;
    const validate = this.compiled.get(schemaKey) ?? (ref ? this.ajv.compile({ $ref: `spec${ref}` }) : this.ajv.compile(media.schema));
    this.compiled.set(schemaKey, validate);
    let value: unknown = r.body;
    if ((media.schema as { type?: string }).type !== 'string') {
      try {
        value = JSON.parse(r.body);
      } catch {
        return [...problems, `${key}: body is not JSON`];
      }
    }
    if (!validate(value)) problems.push(...(validate.errors ?? []).map((e) => `${key} (${contentType}): ${e.instancePath || '/'} ${e.message}`));
    return problems;
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
}
