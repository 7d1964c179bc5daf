import rule from '../../src/rules/run-as-root.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string, podSpec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${podSpec}  containers:\n    - name: c\n      image: x:1\n${container}`;

ruleTester(rule, {
  valid: [
    { input: 'CMP', name: 'build: the Containerfile in the scan sets USER', code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM docker.io/library/alpine:3.20\nUSER 10001\n' } },
    { input: 'CMP', name: 'build: with dockerfile and context', code: 'services:\n  api:\n    build:\n      context: api\n      dockerfile: Containerfile.prod\n', files: { 'api/Containerfile.prod': 'FROM docker.io/library/alpine:3.20 AS b\nUSER 0\nFROM b\nUSER app\n' } },
    { input: 'K8S', code: pod('      securityContext: {runAsNonRoot: true}\n') },
    { input: 'K8S', code: pod('', '  securityContext: {runAsUser: 1000}\n'), name: 'pod-level runAsUser applies' },
    { input: 'K8S', code: pod('      securityContext: {runAsNonRoot: false, runAsUser: 10001}\n') },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER app\n', name: 'a named non-root user is not root (user-not-numeric covers names)' },
    { input: 'DF', code: 'FROM alpine:3.20\nARG UID\nUSER $UID\n', name: 'a variable is unknown, never a violation' },
    { input: 'DF', code: 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nRUN true\n', name: 'USER carries over through FROM <stage>' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    user: "10001:10001"\n' },
    { input: 'RUN', code: 'podman run --user 10001 -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nUser=10001\n' },
    {
      input: 'QL',
      name: '.build with SetWorkingDirectory=unit and Target=: that stage\'s USER',
      code: '[Container]\nImage=app.build\n',
      files: { 'app.build': '[Build]\nImageTag=localhost/app:1.0\nSetWorkingDirectory=unit\nTarget=runtime\n', Containerfile: 'FROM docker.io/library/golang:1.22 AS build\nFROM docker.io/library/alpine:3.20 AS runtime\nUSER 10001\nFROM runtime AS debug\nUSER 10001\n' },
    },
    { input: 'QL', name: 'the pod\'s UserNS=keep-id:uid=N', code: '[Container]\nImage=nginx:1\nPod=web.pod\n', files: { 'web.pod': '[Pod]\nUserNS=keep-id:uid=1000,gid=1000\n' } },
  ],
  invalid: [
    { input: 'CMP', name: 'build: the final stage has no USER', code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM docker.io/library/golang:1.22 AS build\nUSER 10001\nFROM docker.io/library/alpine:3.20\n' }, errors: [{ line: 2, column: 3, messageId: 'unset', message: /^Service "api"/ }, { line: 3, column: 1, messageId: 'unset', message: /^The final stage/ }] },
    {
      input: 'CMP',
      name: 'build.target: the stage built has no USER, though the last stage has one',
      code: 'services:\n  api:\n    build:\n      context: api\n      target: base\n',
      files: { 'api/Dockerfile': 'FROM docker.io/library/alpine:3.20 AS base\nRUN apk add --no-cache ca-certificates\nFROM base\nUSER 10001\n' },
      errors: [{ line: 2, column: 3, messageId: 'unset' }],
    },
    {
      input: 'QL',
      name: '.build Target=: the stage built has no USER',
      code: '[Container]\nImage=app.build\n',
      files: { 'app.build': '[Build]\nImageTag=localhost/app:1.0\nSetWorkingDirectory=unit\nTarget=base\n', Containerfile: 'FROM docker.io/library/alpine:3.20 AS base\nFROM base\nUSER 10001\n' },
      errors: [{ line: 1, column: 1, messageId: 'unset' }],
    },
    { input: 'K8S', code: pod(''), errors: [{ line: 6, column: 13, messageId: 'unset', message: /"c" does not require a non-root user.*runAsNonRoot: true/ }] },
    { input: 'K8S', code: pod('      securityContext: {runAsUser: 0}\n'), errors: [{ line: 8, column: 36, messageId: 'root' }] },
    {
      input: 'K8S',
      name: 'container runAsNonRoot: false overrides the pod',
      code: pod('      securityContext:\n        runAsNonRoot: false\n', '  securityContext: {runAsNonRoot: true}\n'),
      errors: [{ line: 10, column: 23, messageId: 'unset' }],
    },
    {
      input: 'K8S',
      name: 'init containers are containers too',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      securityContext: {runAsNonRoot: true}\n      initContainers:\n        - name: setup\n          image: x:1\n          securityContext: {runAsUser: 0, runAsNonRoot: false}\n      containers:\n        - name: main\n          image: x:1\n',
      errors: [{ line: 11, column: 40, messageId: 'root' }],
    },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', errors: [{ line: 1, column: 1, messageId: 'unset', message: /USER 10001:10001/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER 10001\nRUN id\nUSER root\n', errors: [{ line: 4, column: 6, messageId: 'root' }] },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER 0:0\n', errors: [{ line: 2, column: 6, messageId: 'root' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, messageId: 'unset' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    user: root\n', errors: [{ line: 4, column: 5, messageId: 'root' }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'unset', message: /--user 10001:10001/ }] },
    { input: 'RUN', code: 'docker run --user 0 nginx:1\n', errors: [{ line: 1, column: 12, messageId: 'root' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'unset' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nUser=root\n', errors: [{ line: 3, column: 1, messageId: 'root' }] },
  ],
});
