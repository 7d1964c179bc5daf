import rule from '../../src/rules/unofficial-base-image.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'FROM debian:12-slim\n' },
    { input: 'DF', code: 'FROM docker.io/library/python:3.12\n' },
    { input: 'DF', code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n' },
    { input: 'DF', code: 'FROM registry.example.com/base/ubi:9\n', settings: { trustedRegistries: ['registry.example.com'] } },
  ],
  invalid: [
    { input: 'DF', code: 'FROM bitnami/nginx:1.27\n', errors: [{ line: 1, column: 6, messageId: 'unofficial', message: /"bitnami\/nginx:1\.27"/ }] },
    { input: 'DF', code: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n', errors: [{ line: 2, column: 6 }] },
  ],
});
