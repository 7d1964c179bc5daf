import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, KubeConfigError } from '../../../src/sources/cluster/kube-connection.js';

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-kubeconfig-'));
const config = (name: string, server: string, extra = ''): string => {
  const file = join(dir, name);
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}"${extra} } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: ctx, context: { cluster: c, user: u, namespace: team } }]
current-context: ctx
`);
  return file;
};

test('no kubeconfig anywhere and no service account is one clear error', async () => {
  const home = process.env['HOME'];
  process.env['HOME'] = mkdtempSync(join(tmpdir(), 'seaworthy-home-'));
  try {
    await assert.rejects(connect({ env: {} }), (e: Error) => e instanceof KubeConfigError && /no kubeconfig: give --kubeconfig, set KUBECONFIG, write ~\/\.kube\/config, or run in a pod/.test(e.message));
  } finally {
    process.env['HOME'] = home;
  }
});

test('kubeconfig mistakes are errors that name what is wrong', async () => {
  await assert.rejects(connect({ kubeconfig: join(dir, 'absent') }), /cannot read the kubeconfig .*absent/);
  await assert.rejects(connect({ kubeconfig: config('plain', 'http://10.0.0.1:8080') }), /plain http; seaworthy sends credentials only over https/);
  await assert.rejects(connect({ kubeconfig: config('ok', 'https://10.0.0.1:6443'), context: 'other' }), /no context "other" in the kubeconfig \(contexts: ctx\)/);
  await assert.rejects(connect({ kubeconfig: config('socks', 'https://10.0.0.1:6443', ', proxy-url: "socks5://127.0.0.1:1080"') }), /SOCKS is not supported/);
  await assert.rejects(connect({ env: { KUBECONFIG: `${join(dir, 'a')}:${join(dir, 'b')}` } }), /none of the files in KUBECONFIG exists/);
});

test('the context names the server, its namespace and a bearer token', async () => {
  const conn = await connect({ kubeconfig: config('good', 'https://10.0.0.1:6443/') });
  try {
    assert.equal(conn.server, 'https://10.0.0.1:6443');
    assert.equal(conn.context, 'ctx');
    assert.equal(conn.namespace, 'team');
    const opts = await conn.requestOptions();
    assert.equal((opts.headers as Record<string, string>)['Authorization'], 'Bearer t');
  } finally {
    conn.close();
  }
});
