import rule from '../../src/rules/secret-in-build-arg.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'ARG VERSION=1.2\nFROM alpine:3.20\nARG BUILD_DATE\nENV APP_VERSION=$VERSION\n' },
    { input: 'DF', code: 'FROM node:20\nARG NPM_TOKEN_FILE=/run/secrets/npm\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n', name: 'a path to the secret, and a secret mount' },
  ],
  invalid: [
    { input: 'DF', code: 'FROM node:20\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n', errors: [{ line: 2, column: 5, messageId: 'arg', message: /NPM_TOKEN.*RUN --mount=type=secret,id=npm_token/ }] },
    { input: 'DF', code: 'ARG GITHUB_TOKEN=abc\nFROM alpine:3.20\n', name: 'a global ARG with a default', errors: [{ line: 1, column: 5, messageId: 'arg' }] },
    {
      input: 'DF',
      name: 'an ENV fed from a secret ARG stores it in the image config',
      code: 'FROM postgres:16\nARG DB_PASSWORD\nENV POSTGRES_PASSWORD=${DB_PASSWORD}\n',
      errors: [
        { line: 2, column: 5, messageId: 'arg' },
        { line: 3, column: 23, messageId: 'env', message: /ENV POSTGRES_PASSWORD stores the secret build argument DB_PASSWORD/ },
      ],
    },
    { input: 'DF', code: 'FROM alpine:3.20\nARG REPO=https://ci:pw123456@git.example.com/r.git\n', name: 'a credential-shaped default', errors: [{ line: 2, column: 10, messageId: 'argValue', message: /URL with a password/ }] },
  ],
});
