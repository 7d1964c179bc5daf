import rule from '../../src/rules/secret-file-in-image.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      input: 'DF',
      name: 'the guide\'s multi-stage fix: the builder deletes the secret before its output is copied',
      code: [
        'FROM registry.fedoraproject.org/fedora-minimal AS builder',
        'WORKDIR /app',
        'COPY app/ /app/',
        'COPY secret.txt /app/secret.txt',
        'RUN cat /app/secret.txt && echo "Configuring app with secret" > config.txt',
        'RUN rm /app/secret.txt',
        'FROM registry.fedoraproject.org/fedora-minimal',
        'WORKDIR /app',
        'COPY --from=builder /app/ /app/',
        '',
      ].join('\n'),
    },
    {
      input: 'DF',
      name: 'a builder\'s secret stays behind when only the build output is copied',
      code: 'FROM node:20 AS build\nWORKDIR /src\nCOPY .npmrc ./\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /src/dist /usr/share/nginx/html\n',
    },
    { input: 'DF', code: 'FROM alpine:3.20\nCOPY .env.example /app/.env.example\nCOPY ca.pem /etc/ssl/certs/ca.pem\nCOPY id_rsa.pub /home/app/.ssh/authorized_keys\n', name: 'templates, CA certificates and public keys' },
    { input: 'DF', code: 'FROM debian:12\nCOPY vendor.key /etc/apt/keyrings/vendor.asc\nCOPY corp-root.pem /usr/local/share/ca-certificates/corp.crt\n', name: 'package-signing keys and CA certificates are public' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
    {
      input: 'DF',
      name: 'a builder that deletes the whole directory before its output is copied',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY .netrc /root/.netrc\nRUN go build -o /out/app . && rm -rf /root/.netrc\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
  ],
  invalid: [
    {
      input: 'DF',
      name: 'the guide\'s example: deleted later, still in the earlier layer',
      code: 'FROM registry.fedoraproject.org/fedora-minimal\nCOPY secret.txt ./secret.txt\nRUN cat secret.txt && rm secret.txt\n',
      errors: [{ line: 2, column: 6, messageId: 'removed', message: /line 3 deletes it, but the earlier layer still holds it/ }],
    },
    { input: 'DF', code: 'FROM alpine:3.20\nCOPY --chown=1:1 id_rsa config.json /root/.ssh/\n', errors: [{ line: 2, column: 18, messageId: 'shipped', message: /COPY puts the secret-like file "id_rsa" into the final image/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nADD ["certs/server.key", "/etc/ssl/private/"]\n', name: 'JSON form', errors: [{ line: 2, column: 6, messageId: 'shipped', message: /ADD puts.*server\.key/ }] },
    {
      input: 'DF',
      name: 'a builder\'s secret carried by COPY --from of the directory that still holds it',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY .npmrc .\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, column: 6, messageId: 'carried', message: /stage "build", and the COPY --from on line 6 carries it/ }],
    },
    {
      input: 'DF',
      name: 'layers of the stage built on ship too, deleted files included',
      code: 'FROM alpine:3.20 AS base\nCOPY server.key /etc/ssl/server.key\nFROM base\nRUN rm /etc/ssl/server.key\n',
      errors: [{ line: 2, column: 6, messageId: 'removed', message: /line 4/ }],
    },
    {
      input: 'DF',
      name: 'removing the directory that holds it, after a cd',
      code: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\nRUN cd /root && git clone git@example.com:r.git && rm -rf .ssh\n',
      errors: [{ line: 2, column: 6, messageId: 'removed', message: /line 3/ }],
    },
    {
      input: 'DF',
      name: 'a builder that deletes some other file still carries the secret',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY .npmrc .\nRUN npm ci && rm -f package-lock.json\nFROM node:20-slim\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, column: 6, messageId: 'carried' }],
    },
    { input: 'DF', code: 'FROM alpine:3.20 AS keys\nRUN ssh-keygen -f /id_rsa\nFROM alpine:3.20\nCOPY --from=keys /id_rsa /root/.ssh/id_rsa\n', name: 'a secret-like path copied from another stage', errors: [{ line: 4, column: 18, messageId: 'shipped' }] },
  ],
});
