import rule from '../../src/rules/single-stage-build.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl ca-certificates\nCOPY app /app\n' },
    { input: 'DF', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n', name: 'multi-stage' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN mkdir -p /usr/share/make && echo "npm install later" > /notes\n', name: 'words in paths and strings are not commands' },
    { input: 'DF', code: 'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY dist ./dist\n', name: 'production dependencies only' },
    { input: 'DF', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n', name: 'runtime libraries only' },
  ],
  invalid: [
    { input: 'DF', code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y gcc libpq-dev\n', errors: [{ line: 2, column: 1, messageId: 'tooling', message: /installs the build tool package "gcc"/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps build-base\n', errors: [{ line: 2, column: 1, message: /build-base/ }] },
    { input: 'DF', code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n', errors: [{ line: 4, column: 1, message: /runs "npm ci"/ }] },
    { input: 'DF', code: 'FROM node:20\nRUN npm ci --omit=dev && npm run build\n', name: 'a build after a production install', errors: [{ line: 2, column: 1, message: /runs "npm run build"/ }] },
    { input: 'DF', code: 'FROM gcc:14\nCOPY . /src\nRUN cd /src && make\n', errors: [{ line: 3, column: 1, message: /runs "make"/ }] },
    { input: 'DF', code: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n', errors: [{ line: 2, column: 1, message: /runs "python3 -m pip install"/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nCOPY .npmrc /root/.npmrc\n', errors: [{ line: 2, column: 1, message: /copies the secret-like file "\.npmrc"/ }] },
  ],
});
