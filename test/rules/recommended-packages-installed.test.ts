import rule from '../../src/rules/recommended-packages-installed.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { input: 'DF', code: 'FROM debian:12\nRUN apt-get install --install-recommends -y man-db\n', name: 'asking for recommends is a decision' },
    { input: 'DF', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n', name: 'apt configured on the command line' },
    { input: 'DF', code: 'FROM fedora:41\nRUN dnf install -y --setopt=install_weak_deps=False python3\n' },
    { input: 'DF', code: 'FROM opensuse/leap:15\nRUN zypper -n in --no-recommends which\n' },
    { input: 'DF', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n', name: 'a builder stage does not ship' },
    { input: 'DF', code: 'FROM debian:12\nRUN sh -c "apt-get install -y curl"\n', name: 'inside quotes: not read' },
    { input: 'DF', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n', name: 'not an install' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', name: 'apk has no recommends' },
    { input: 'DF', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n', name: 'exec form is not edited' },
  ],
  invalid: [
    {
      input: 'DF',
      code: 'FROM debian:12\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get -y install \\\n   curl\n',
      name: 'located at the install word, across a continuation',
      errors: [{ line: 3, column: 47, messageId: 'recommends', message: /`apt-get install`.*--no-install-recommends/ }],
    },
    {
      input: 'DF',
      code: 'FROM fedora:41\nRUN microdnf -y install a && dnf install b; zypper -n in c\n',
      errors: [
        { line: 2, column: 17, message: /microdnf install.*install_weak_deps=0/ },
        { line: 2, column: 34, message: /^`dnf install/ },
        { line: 2, column: 55, message: /zypper install.*--no-recommends/ },
      ],
    },
    {
      input: 'DF',
      code: 'FROM debian:12 AS base\nRUN apt install -y curl\nFROM base\nCMD ["curl"]\n',
      name: 'a stage the final one builds on ships',
      errors: [{ line: 2, column: 9 }],
    },
  ],
});
