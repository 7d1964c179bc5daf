import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proxyForUrl } from '../../../src/sources/cluster/proxy-env.js';

const P = 'http://proxy.corp:3128';

test('HTTPS_PROXY applies unless NO_PROXY exempts the host, as Go net/http decides', () => {
  const cases: [string, Record<string, string>, string | undefined][] = [
    ['https://api.example.com:6443', { HTTPS_PROXY: P }, P],
    ['https://api.example.com:6443', { https_proxy: 'proxy.corp:3128' }, 'http://proxy.corp:3128'],
    ['https://api.example.com:6443', {}, undefined],
    ['https://api.example.com:6443', { HTTPS_PROXY: P, NO_PROXY: '.example.com' }, undefined],
    ['https://api.example.com:6443', { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, undefined],
    ['https://api.example.com:6443', { HTTPS_PROXY: P, NO_PROXY: 'other.com,ample.com' }, P],
    ['https://api.example.com:6443', { HTTPS_PROXY: P, NO_PROXY: 'api.example.com:443' }, P],
    ['https://api.example.com:6443', { HTTPS_PROXY: P, NO_PROXY: 'api.example.com:6443' }, undefined],
    ['https://10.1.2.3:6443', { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, undefined],
    ['https://11.1.2.3:6443', { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, P],
    ['https://10.1.2.3:6443', { HTTPS_PROXY: P, NO_PROXY: '10.1.2.3' }, undefined],
    ['https://[fd00::1]:6443', { HTTPS_PROXY: P, NO_PROXY: 'fd00::/8' }, undefined],
    ['https://api.example.com', { HTTPS_PROXY: P, no_proxy: '*' }, undefined],
    ['https://127.0.0.1:6443', { HTTPS_PROXY: P }, undefined],
    ['https://localhost:6443', { HTTPS_PROXY: P }, undefined],
  ];
  for (const [url, env, want] of cases) assert.equal(proxyForUrl(url, env), want, `${url} ${JSON.stringify(env)}`);
});
