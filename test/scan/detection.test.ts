/**
 * Detection by content, not extension alone, on files modelled on real
 * repositories: Perl POD beside Quadlet pods, vim syntax files and man pages named
 * after Containerfiles, one-line JSON manifests, UTF-16 YAML saved by a Windows
 * editor, compressed backups. None of them is an error; the real inputs are read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scanPaths } from '../../src/scan/scan.js';

const POD_MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n';

const files: Record<string, string | Uint8Array> = {
  // Perl's documentation format, as in any CPAN distribution.
  'lib/Pod/Usage.pod': '=head1 NAME\n\nPod::Usage - extracts POD documentation and shows usage information\n\n=head1 SYNOPSIS\n\n  use Pod::Usage;\n\n=cut\n',
  // A Quadlet pod unit, as podman-systemd.unit(5) writes one.
  'quadlet/web.pod': '[Unit]\nDescription=Web pod\n\n[Pod]\nPodName=web\nPublishPort=127.0.0.1:8080:80\n',
  // vim's own runtime files and podman's man pages.
  'runtime/syntax/dockerfile.vim': '" Vim syntax file\n" Language:\tDockerfile\nsyntax case ignore\nsyn match dockerfileKeyword /\\v^\\s*(ONBUILD\\s+)?\\zs(ADD|ARG|CMD)>/\n',
  'docs/Containerfile.5': '.TH "Containerfile" "5" "Aug 2017" "" "Container User Manuals"\n.SH NAME\nContainerfile(Dockerfile) - automate the steps of creating a container image\n',
  'templates/Dockerfile.j2': 'FROM {{ base_image }}\n{% for pkg in packages %}\nRUN apk add {{ pkg }}\n{% endfor %}\n',
  // `kubectl get pod web -o json | jq -c`: one line.
  'k8s/compact.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'compact' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36' }] } }),
  // Saved as "Unicode" by a Windows editor: UTF-16LE with a byte-order mark.
  'k8s/utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD_MANIFEST.replace('web', 'utf16'), 'utf16le')]),
  'backup/manifests.yaml.gz': gzipSync(POD_MANIFEST),
  'backup/Dockerfile.gz': gzipSync('FROM alpine\n'),
};

test('detection by content: nothing here is an error, and the real inputs are read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-detect-'));
  try {
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), body);
    }
    const out = await scanPaths([dir]);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.warnings, []);
    const read = [...out.model.files.keys()].map((f) => f.slice(dir.length + 1)).sort();
    assert.deepEqual(read, ['k8s/compact.json', 'k8s/utf16.yaml', 'quadlet/web.pod']);
    assert.deepEqual(out.model.workloads.map((w) => w.name).sort(), ['compact', 'utf16', 'web']);
    assert.ok(out.findings.some((f) => f.ruleId === 'privileged-container' && f.location.file.endsWith('utf16.yaml') && f.location.startLine === 10));
    assert.ok(out.findings.some((f) => f.ruleId === 'host-network' && f.location.file.endsWith('compact.json')));
    // Named on the command line, a POD file is still not a Quadlet unit.
    const named = await scanPaths([join(dir, 'lib/Pod/Usage.pod')]);
    assert.deepEqual(named.errors.map((e) => e.code), ['unknown-input']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
