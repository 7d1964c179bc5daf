import rule from '../../src/rules/image-not-pinned.js';
import { ruleTester } from './rule-tester.js';

const pod = (image: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { input: 'RUN', name: '--rootfs: a host directory, no image', code: 'podman run --rootfs /var/lib/machines/fedora /bin/sh\n' },
    { input: 'K8S', code: pod('nginx:1.27.3') },
    { input: 'K8S', code: pod('nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000'), name: 'a digest pins' },
    { input: 'K8S', code: pod('nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000'), name: 'a digest pins even with latest' },
    { input: 'K8S', code: pod('localhost:5000/app:1.0'), name: 'a registry port is not a tag' },
    { input: 'DF', code: 'FROM golang:1.23 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n', name: 'scratch and stage names' },
    { input: 'DF', code: 'FROM alpine:3.20 AS base\nFROM base\n' },
    { input: 'DF', code: 'ARG TAG=3.20\nFROM alpine:${TAG}\n', name: 'an ARG with a default is expanded' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { input: 'RUN', code: 'podman run -d nginx:1.27\n' },
    { input: 'QL', code: '[Container]\nImage=docker.io/library/nginx:1.27\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      name: 'an image volume is pulled like a container image',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: model-server}\nspec:\n  containers:\n    - name: server\n      image: ghcr.io/example/server:1.4.2\n      volumeMounts: [{name: weights, mountPath: /models}]\n  volumes:\n    - name: weights\n      image:\n        reference: quay.io/example/weights:latest\n        pullPolicy: IfNotPresent\n',
      errors: [{ line: 12, column: 20, messageId: 'latest' }],
    },
    { input: 'K8S', code: pod('nginx'), errors: [{ line: 7, column: 14, messageId: 'untagged', message: /"nginx" has no tag/ }] },
    { input: 'K8S', code: pod('registry.example.com:5000/team/app:latest'), errors: [{ line: 7, column: 14, messageId: 'latest' }] },
    { input: 'DF', code: 'FROM ubuntu\nRUN true\n', errors: [{ line: 1, column: 6, messageId: 'untagged' }] },
    { input: 'DF', code: 'FROM node:latest AS build\nFROM build\n', errors: [{ line: 1, column: 6, messageId: 'latest' }] },
    { input: 'DF', code: 'FROM alpine:3.20\nCOPY --from=busybox:latest /bin/busybox /bin/busybox\n', name: 'COPY --from an image', errors: [{ line: 2, column: 13, messageId: 'latest' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx\n', errors: [{ line: 3, column: 5, messageId: 'untagged' }] },
    { input: 'RUN', code: 'podman run -d nginx:latest\n', errors: [{ line: 1, column: 15, messageId: 'latest' }] },
    { input: 'QL', code: '[Container]\nImage=nginx\n', errors: [{ line: 2, column: 1, messageId: 'untagged' }] },
  ],
});
