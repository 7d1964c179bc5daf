import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/secret-in-env.js';
import { runCase, ruleTester } from './rule-tester.js';

const pod = (env: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      env:\n${env}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n'), name: 'from a secret store (secret-env-reference judges it)' },
    { input: 'K8S', code: pod('        - name: DB_PASSWORD\n          value: "$(OTHER_VAR)"\n'), name: 'a reference' },
    { input: 'K8S', code: pod('        - name: DB_PASSWORD\n          value: ""\n'), name: 'empty' },
    { input: 'K8S', code: pod('        - name: POSTGRES_PASSWORD_FILE\n          value: /run/secrets/db\n'), name: 'the file variant names a path' },
    { input: 'K8S', code: pod('        - name: AUTH_ENABLED\n          value: "true"\n        - name: MAX_TOKENS\n          value: "4096"\n'), name: 'settings about auth and tokens' },
    { input: 'K8S', code: pod('        - name: DATABASE_URL\n          value: postgres://app@db:5432/app\n'), name: 'a URL without a password' },
    { input: 'DF', code: 'FROM alpine:3.20\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\nUSER 1\n', name: 'ENV from an ARG is secret-in-build-arg\'s finding' },
    { input: 'DF', code: 'FROM alpine:3.20\nENV LOG_LEVEL=debug PASSWORD_FILE=/run/secrets/pw\n' },
    { input: 'CMP', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n' },
    { input: 'CMP', name: 'registry auth configuration and an auth URL', code: 'services:\n  registry:\n    image: registry:2.8.3\n    environment:\n      REGISTRY_AUTH: "{htpasswd: {realm: basic-realm, path: /auth/htpasswd}}"\n      OAUTH2_PROXY_OIDC_ISSUER_URL: https://auth.example.com/realms/app\n      API_KEY: changeme\n      DB_PASSWORD: DB_PASSWORD_VAL\n' },
    { input: 'RUN', code: 'podman run -e DB_PASSWORD -d nginx:1\n', name: 'value taken from the calling environment' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nEnvironment=LOG_LEVEL=debug\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: pod('        - name: DB_PASSWORD\n          value: hunter2\n'),
      errors: [{ line: 10, column: 18, messageId: 'literal', message: /Container "c": environment variable DB_PASSWORD holds a literal secret \(\*\*\*\*, 7 chars\).*secret volume/ }],
    },
    {
      input: 'K8S',
      name: 'a credential shape under an innocent name',
      code: pod(`        - name: SETTINGS\n          value: ${JWT}\n        - name: DATABASE_URL\n          value: postgres://app:s3cret@db:5432/app\n`),
      errors: [
        { line: 10, column: 18, message: /JSON Web Token/ },
        { line: 12, column: 18, message: /URL with a password/ },
      ],
    },
    { input: 'DF', code: 'FROM alpine:3.20\nENV API_KEY=abcdef123456\n', errors: [{ line: 2, column: 13, messageId: 'literal', message: /API_KEY.*\(\*\*\*\*, 12 chars\)/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nENV GITHUB_TOKEN ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n', name: 'legacy ENV form', errors: [{ line: 2, column: 18, message: /GitHub token/ }] },
    { input: 'CMP', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n', errors: [{ line: 5, column: 26, message: /Service "db": environment variable POSTGRES_PASSWORD/ }] },
    {
      input: 'CMP',
      name: 'a secret interpolated from .env is located in .env',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_USER: ${POSTGRES_USER:-app}\n',
      files: { '.env': '# database\nPOSTGRES_USER=app\nPOSTGRES_PASSWORD=Vq7m2Lx9Rk\n' },
      errors: [{ line: 3, column: 19, endColumn: 29, message: /environment variable POSTGRES_PASSWORD holds a literal secret/ }],
    },
    {
      input: 'CMP',
      name: 'list syntax and a URL with an interpolated password: the password in .env',
      code: 'services:\n  app:\n    image: ghcr.io/example/app:1.4\n    environment:\n      - DATABASE_URL=postgres://app:${DB_PASS}@db:5432/app\n',
      files: { '.env': 'DB_PASS="Vq7m2Lx9Rk"\n' },
      errors: [{ line: 1, column: 10, message: /DATABASE_URL/ }],
    },
    {
      input: 'CMP',
      name: 'a default written in the file is located in the file',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Vq7m2Lx9Rk}\n',
      errors: [{ line: 5, column: 26, message: /POSTGRES_PASSWORD/ }],
    },
    { input: 'RUN', code: 'podman run -e DB_PASSWORD=hunter2 -d nginx:1\n', errors: [{ line: 1, column: 27, message: /DB_PASSWORD/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nEnvironment=DB_PASSWORD=hunter2\n', errors: [{ line: 3, column: 25, message: /DB_PASSWORD/ }] },
  ],
});

test('secret-in-env never prints the secret value', () => {
  const secret = 'Sup3rS3cretValue!';
  for (const code of [pod(`        - name: DB_PASSWORD\n          value: "${secret}"\n`), pod(`        - name: X\n          value: "${JWT}"\n`)]) {
    const { findings } = runCase(rule, { input: 'K8S', code });
    assert.equal(findings.length, 1);
    const text = JSON.stringify(findings);
    assert.ok(!text.includes(secret) && !text.includes(JWT) && !text.includes(JWT.slice(2, 12)), text);
  }
});

test('secret-in-env: a Compose secret from .env is reported in .env, the entry that takes it related', () => {
  const { findings } = runCase(rule, {
    input: 'CMP',
    code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
    files: { '.env': 'POSTGRES_PASSWORD=Vq7m2Lx9Rk\n' },
  });
  assert.deepEqual(
    findings.map((f) => [f.location.file, f.location.startLine, f.location.startColumn, f.related?.map((r) => `${r.location.file}@${r.location.startLine}:${r.location.startColumn} ${r.message}`)]),
    [['.env', 1, 19, ['compose.yaml@5:7 POSTGRES_PASSWORD takes this value here']]],
  );
  assert.ok(!JSON.stringify(findings).includes('Vq7m2Lx9Rk'));
});
