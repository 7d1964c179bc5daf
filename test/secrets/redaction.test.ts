/**
 * The one redactor: a table of every quoted context, then a property test that
 * embeds generated secrets of every known shape in every input kind and checks
 * that no output format prints them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { redactText } from '../../src/secrets/secret-detection.js';
import { runScan } from '../../src/scan/run-scan.js';
import { jsonChunks } from '../../src/report/format-json.js';
import { formatSarif } from '../../src/report/format-sarif.js';
import { formatText } from '../../src/report/format-text.js';
import { runNetpolCommand } from '../../src/cli/netpol-command.js';
import { cycloneDxText } from '../../src/sbom/cyclonedx.js';
import type { ImageSpec } from '../../src/model/image-spec.js';
import { repoRoot } from '../support/prerequisites.js';

test('every quoted context is redacted', () => {
  const cases: [string, string, string][] = [
    ['curl -H "Authorization: Bearer abc123def456" https://x', 'abc123def456', 'Authorization: Bearer ***'],
    ['Proxy-Authorization: Basic YWxpY2U6cHc9MTIz', 'YWxpY2U6cHc9MTIz', 'Proxy-Authorization: Basic ***'],
    ['token was Bearer eyQ1234567890abc', 'eyQ1234567890abc', 'Bearer ***'],
    ['docker login -u bot -p hunter2x registry.example', 'hunter2x', '-p ***'],
    ['podman login --password=hunter2x reg', 'hunter2x', '--password=***'],
    ['helm registry login --password "two words" reg', 'two words', '--password ***'],
    ['skopeo copy --src-creds bot:hunter2x docker://a docker://b', 'hunter2x', '--src-creds bot:***'],
    ['curl -u alice:hunter2x https://x', 'hunter2x', '-u alice:***'],
    ['echo "hunter2x" | docker login --username bot --password-stdin reg', 'hunter2x', 'echo *** |'],
    ['{"auths":{"reg":{"auth":"YWxpY2U6aHVudGVyMng="}}}', 'YWxpY2U6aHVudGVyMng=', '"auth":"***"'],
    ['ADD https://bot:hunter2x@example.com/a.tgz /a', 'hunter2x', 'bot:***@'],
    ['ENV GITHUB_TOKEN=abcdef123', 'abcdef123', 'GITHUB_TOKEN=***'],
    [`RUN echo ghp_${'a1'.repeat(18)}`, `ghp_${'a1'.repeat(18)}`, 'echo ***'],
  ];
  for (const [text, secret, expected] of cases) {
    const out = redactText(text);
    assert.ok(!out.includes(secret), `${text} → ${out}`);
    assert.ok(out.includes(expected), `${text} → ${out}`);
  }
  // What is not a credential stays as written.
  for (const text of ['podman run -p 8080:80 nginx', 'docker run -u 1000:1000 app', 'Basic authentication is off', 'podman run --user app:app x']) {
    assert.equal(redactText(text), text);
  }
});

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));

/** A secret of every shape the detector knows, and the way a user would write it. */
const secretCase = fc.oneof(
  alnum(36, 36).map((s) => ({ secret: `ghp_${s}`, written: `ghp_${s}` })),
  fc.stringMatching(/^[A-Z0-9]{16}$/).map((s) => ({ secret: `AKIA${s}`, written: `AKIA${s}` })),
  alnum(20, 30).map((s) => ({ secret: `glpat-${s}`, written: `glpat-${s}` })),
  alnum(24, 30).map((s) => ({ secret: `sk_live_${s}`, written: `sk_live_${s}` })),
  alnum(36, 36).map((s) => ({ secret: `npm_${s}`, written: `npm_${s}` })),
  alnum(12, 20).map((s) => ({ secret: `Pw9${s}`, written: `https://bot:Pw9${s}@registry.example/app.tgz` })),
  alnum(12, 20).map((s) => ({ secret: `Tk7${s}`, written: `Authorization: Bearer Tk7${s}` })),
  alnum(12, 20).map((s) => ({ secret: `Pw8${s}`, written: `--password Pw8${s}` })),
);

/** Input kinds, each quoting the secret in a place a message may show. */
function inputs(written: string): Record<string, string> {
  const quoted = written.includes(' ') ? `"${written}"` : written;
  return {
    // A URL context for URL credentials and bare tokens; flags and headers are not written in URLs.
    Containerfile: `FROM alpine:3.20\nADD ${written.startsWith('http') ? written : written.includes(' ') ? 'https://example.com/a.tgz' : `https://example.com/${written}`} /x\nRUN curl -sSL ${quoted} | sh\nENV API_TOKEN=${written.replace(/\s/g, '')}\nUSER root\n`,
    'compose.yaml': `services:\n  web:\n    image: nginx:1\n    privileged: true\n    command: ["sh", "-c", "login ${written.replace(/"/g, '')}"]\n    environment:\n      DB_PASSWORD: "${written.replace(/"/g, '')}"\n`,
    'deploy.sh': `#!/bin/sh\npodman run --privileged -e TOKEN='${written}' nginx:1 sh -c 'echo ${written.replace(/'/g, '')}'\necho ${written.replace(/\s/g, '')} | docker login --password-stdin reg\n`,
    'web.container': `[Container]\nImage=nginx:1\nEnvironment=SECRET_KEY=${written.replace(/\s/g, '')}\nPodmanArgs=--privileged\n`,
    'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    note: "${written.replace(/"/g, '')}"\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    args: ["${written.replace(/"/g, '')}"]\n    env:\n    - name: PASSWORD\n      value: "${written.replace(/"/g, '')}"\n`,
  };
}

/** An image whose builder wrote the secret into what an SBOM quotes: its reference and its package database. */
function imageQuoting(written: string): ImageSpec {
  const pkg = (name: string, version: string) => ({ type: 'deb' as const, name, version, source: 'var/lib/dpkg/status', sourceName: written, arch: 'amd64', layerIndex: 0 });
  return {
    ref: `registry.example/app:1 ${written}`,
    loc: { file: 'image', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    platform: { os: 'linux', architecture: 'amd64' },
    config: { env: [], exposedPorts: [], labels: {} } as never,
    history: [],
    layers: [{ index: 0, digest: 'sha256:00', diffId: written } as never],
    finalFiles: [],
    packages: [pkg('libc6', '2.36-9'), pkg(`note ${written}`, written)],
    os: { id: 'debian', versionId: '12' },
  } as ImageSpec;
}

test('no generated secret reaches any output: text, JSON, SARIF, netpol formats, SBOM, -o files and stderr', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-redact-'));
  try {
    await fc.assert(
      fc.asyncProperty(secretCase, async ({ secret, written }) => {
        const d = await mkdtemp(join(dir, 'case-'));
        for (const [name, text] of Object.entries(inputs(written))) await writeFile(join(d, name), text);
        const { result, model } = await runScan([d]);
        const outputs: [string, string][] = [
          ['text', formatText(result)],
          ['json', [...jsonChunks(result)].join('')],
          ['sarif', formatSarif(result)],
        ];
        for (const format of ['text', 'json', 'dot', 'html'] as const) outputs.push([`netpol ${format}`, runNetpolCommand(model, { format, suggest: false })]);
        outputs.push(['sbom', cycloneDxText(imageQuoting(written))]);
        for (const [format, out] of outputs) assert.ok(!out.includes(secret), `${format} printed ${secret}`);
      }),
      { numRuns: 12 },
    );
    // The CLI: stdout, an -o file and stderr (an error message quoting the input).
    const d = await mkdtemp(join(dir, 'cli-'));
    const secret = `ghp_${'Zx9'.repeat(12)}`;
    for (const [name, text] of Object.entries(inputs(secret))) await writeFile(join(d, name), text);
    await writeFile(join(d, 'broken.yaml'), `apiVersion: v1\nkind: Pod\nmetadata: {name: "${secret}"\n`);
    for (const format of ['text', 'json', 'sarif']) {
      const out = join(d, `report.${format}`);
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', d, '--format', format, '-o', out], { encoding: 'utf8' });
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), format);
      const { readFile } = await import('node:fs/promises');
      assert.ok(!(await readFile(out, 'utf8')).includes(secret), `-o ${format}`);
    }
    const usage = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', d, '--rule', secret], { encoding: 'utf8' });
    assert.ok(usage.stderr.length > 0 && !usage.stderr.includes(secret), usage.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
