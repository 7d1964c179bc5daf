import rule from '../../src/rules/remote-code-in-build.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0aa8d1e3a2b https://example.com/app.tar.gz /opt/\n' },
    { input: 'DF', code: 'FROM alpine:3.20\nADD app.tar.gz /opt/\nCOPY . /src\n' },
    { input: 'DF', code: 'FROM alpine:3.20\nADD https://github.com/acme/tool.git#0123456789abcdef0123456789abcdef01234567 /src\n', name: 'a Git source pinned to a commit id' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c && sh /tmp/i.sh\n', name: 'downloaded, verified, then run' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/a.tgz | tar xz -C /opt\n', name: 'piped into tar, not a shell' },
  ],
  invalid: [
    { input: 'DF', name: 'ONBUILD RUN curl | sh', code: 'FROM docker.io/library/alpine:3.20\nONBUILD RUN curl -fsSL https://get.example.com/install.sh | sh\n', errors: [{ line: 2, column: 1, messageId: 'onbuildPipe' }] },
    { input: 'DF', name: 'ONBUILD ADD of a remote URL', code: 'FROM docker.io/library/alpine:3.20\nONBUILD ADD https://example.com/tool.tgz /opt/\n', errors: [{ line: 2, column: 13, messageId: 'add' }] },
    { input: 'DF', code: 'FROM alpine:3.20\nADD https://example.com/app.tar.gz /opt/\n', errors: [{ line: 2, column: 5, messageId: 'add', message: /"https:\/\/example\.com\/app\.tar\.gz" without verifying it: add `--checksum=sha256:/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nADD git@github.com:acme/tool.git#v1.2 /src\n', name: 'a Git source at a movable tag', errors: [{ line: 2, column: 5, messageId: 'add' }] },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com | sh\n', errors: [{ line: 2, column: 1, messageId: 'pipe' }] },
    { input: 'DF', code: 'FROM debian:12\nRUN wget -qO- https://example.com/setup \\\n  | sudo -E bash -\n', name: 'across a continuation, through sudo', errors: [{ line: 2, column: 1, messageId: 'pipe' }] },
    { input: 'DF', code: 'FROM debian:12\nRUN bash -c "$(curl -fsSL https://example.com/install.sh)"\n', errors: [{ line: 2, column: 1, messageId: 'pipe' }] },
    { input: 'DF', code: 'FROM python:3.12\nRUN curl -sSL https://install.example.org | python3 -\n', errors: [{ line: 2, column: 1, messageId: 'pipe' }] },
    { input: 'DF', code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/i.sh | sh\nEOF\n', name: 'in a here-document', errors: [{ line: 2, column: 1, messageId: 'pipe' }] },
  ],
});
