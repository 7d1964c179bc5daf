import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileSource, isDockerfileName } from '../../../src/sources/dockerfile/dockerfile-source.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { sources } from '../../../src/sources/index.js';
import { emptyModel, type ScanModel } from '../../../src/model/scan-model.js';
import type { ScanError } from '../../../src/model/finding.js';
import type { Location } from '../../../src/model/location.js';

function scan(text: string, path = 'Containerfile'): { model: ScanModel; errors: ScanError[] } {
  const model = emptyModel();
  const errors: ScanError[] = [];
  dockerfileSource.parse(sourceFile(path, text), model, errors);
  return { model, errors };
}

/** The text a one-line location covers. */
function textAt(text: string, loc: Location): string {
  return text.split('\n')[loc.startLine - 1]!.slice(loc.startColumn - 1, loc.endColumn - 1);
}

/** [startLine, startColumn, endLine, endColumn] of a location. */
function at(loc: Location | undefined): number[] {
  assert.ok(loc, 'location expected');
  return [loc.startLine, loc.startColumn, loc.endLine, loc.endColumn];
}

const multiStage = [
  'ARG REGISTRY=docker.io',
  'ARG TAG',
  'FROM ${REGISTRY}/library/golang:1.22 AS Builder',
  'USER builder',
  'ENV GOFLAGS=-mod=vendor \\',
  '    API_TOKEN=$TOKEN',
  'RUN --mount=type=cache,target=/root/.cache go build -o /out/app ./...',
  '',
  'FROM builder AS runtime',
  'COPY --from=builder --chown=10001:10001 /out/app /app',
  'COPY --from=0 /out/app /app2',
  'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
  'ADD --checksum=sha256:abc https://example.com/x.tgz /x.tgz',
  'ENV MODE production',
  'USER 10001:10001',
  'EXPOSE 80/tcp 8000-8010 ${PORT}',
  '',
  'FROM alpine:${TAG} AS unused',
  '',
  'FROM runtime',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

test('stages: AS names lower-cased and located, bases expanded, base stages resolved', () => {
  const { model, errors } = scan(multiStage);
  assert.deepEqual(errors, []);
  const build = model.builds[0]!;
  assert.equal(build.stages.length, 4);
  const [builder, runtime, unused, final] = build.stages;
  assert.equal(builder!.name!.value, 'builder');
  assert.deepEqual(at(builder!.name!.loc), [3, 41, 3, 48]);
  assert.equal(textAt(multiStage, builder!.name!.loc), 'Builder');
  assert.equal(textAt(multiStage, builder!.base.loc), '${REGISTRY}/library/golang:1.22');
  assert.equal(builder!.base.value, 'docker.io/library/golang:1.22');
  assert.equal(builder!.base.dynamic, undefined);
  assert.deepEqual(at(builder!.base.loc), [3, 6, 3, 37]);
  assert.deepEqual(at(builder!.from.loc), [3, 1, 3, 48]);
  assert.deepEqual(at(builder!.from.keywordLoc), [3, 1, 3, 5]);
  assert.equal(runtime!.baseStage, 0);
  assert.equal(unused!.base.value, 'alpine:${TAG}');
  assert.equal(unused!.base.dynamic, true);
  assert.equal(unused!.baseStage, undefined);
  assert.equal(final!.baseStage, 1);
  assert.equal(final!.name, undefined);
  assert.equal(build.globalArgs.length, 2);
});

test('instructions carry flags and arguments with line and column', () => {
  const { model } = scan(multiStage);
  const [builder, runtime] = model.builds[0]!.stages;
  const run = builder!.instructions[2]!;
  assert.equal(run.keyword, 'RUN');
  assert.equal(run.text, 'go build -o /out/app ./...');
  assert.deepEqual(run.flags.map((f) => [f.name, f.value]), [['mount', 'type=cache,target=/root/.cache']]);
  assert.deepEqual(at(run.flags[0]!.loc), [7, 5, 7, 43]);
  assert.deepEqual(at(run.flags[0]!.valueLoc), [7, 13, 7, 43]);
  assert.equal(textAt(multiStage, run.flags[0]!.loc), '--mount=type=cache,target=/root/.cache');
  assert.deepEqual(at(run.args[0]!.loc), [7, 44, 7, 70]);

  const copy = runtime!.instructions[0]!;
  assert.deepEqual(copy.flags.map((f) => [f.name, f.value]), [['from', 'builder'], ['chown', '10001:10001']]);
  assert.deepEqual(at(copy.flags[1]!.loc), [10, 21, 10, 40]);
  assert.deepEqual(copy.args.map((a) => a.value), ['/out/app', '/app']);
  assert.deepEqual(at(copy.args[1]!.loc), [10, 50, 10, 54]);

  const add = runtime!.instructions[3]!;
  assert.equal(add.flags[0]!.name, 'checksum');
  assert.equal(add.flags[0]!.value, 'sha256:abc');

  // ENV spanning a continuation: the instruction covers both lines, each item is located.
  const env = builder!.instructions[1]!;
  assert.deepEqual(at(env.loc), [5, 1, 6, 21]);
  assert.deepEqual(env.pairs!.map((p) => [p.name.value, p.value!.value]), [['GOFLAGS', '-mod=vendor'], ['API_TOKEN', '$TOKEN']]);
  assert.deepEqual(at(env.pairs![1]!.name.loc), [6, 5, 6, 14]);
  assert.deepEqual(at(env.pairs![1]!.value!.loc), [6, 15, 6, 21]);
});

test('the final stage is a container: user, env and ports inherited through the stage chain', () => {
  const { model } = scan(multiStage);
  assert.equal(model.workloads.length, 1);
  const workload = model.workloads[0]!;
  assert.equal(workload.kind, 'Containerfile');
  assert.equal(workload.name, 'Containerfile');
  assert.equal(workload.input, 'DF');
  const container = workload.containers[0]!;
  assert.deepEqual(container.resource, { kind: 'Containerfile', name: 'Containerfile', container: 'stage 3' });
  assert.deepEqual(at(container.loc), [20, 1, 20, 13]);
  assert.equal(container.image!.value, 'docker.io/library/golang:1.22');

  // USER 10001:10001 in `runtime` overrides `builder`'s USER and is inherited by the final stage.
  assert.equal(container.user!.value, '10001:10001');
  assert.deepEqual(at(container.user!.loc), [15, 6, 15, 17]);
  assert.equal(container.group!.value, '10001');
  assert.deepEqual(at(container.group!.loc), [15, 12, 15, 17]);
  assert.equal(textAt(multiStage, container.user!.loc), '10001:10001');

  const env = Object.fromEntries(container.env.map((e) => [e.name.value, e]));
  assert.deepEqual(Object.keys(env), ['GOFLAGS', 'API_TOKEN', 'MODE']);
  assert.equal(env['API_TOKEN']!.reference, true);
  assert.equal(env['API_TOKEN']!.value!.value, '$TOKEN');
  assert.equal(env['GOFLAGS']!.reference, undefined);
  // Legacy `ENV name value` form.
  assert.equal(env['MODE']!.value!.value, 'production');
  assert.deepEqual(at(env['MODE']!.name.loc), [14, 5, 14, 9]);
  assert.deepEqual(at(env['MODE']!.value!.loc), [14, 10, 14, 20]);

  assert.deepEqual(
    container.ports.map((p) => [p.containerPort!.value, p.protocol, p.containerPort!.dynamic]),
    [
      [80, 'tcp', undefined],
      [8000, undefined, undefined],
      [0, undefined, true],
    ],
  );
  assert.deepEqual(at(container.ports[0]!.containerPort!.loc), [16, 8, 16, 14]);
  assert.deepEqual(at(container.ports[1]!.containerPort!.loc), [16, 15, 16, 24]);
});

test('image references: external bases and COPY --from images, not stages', () => {
  const { model } = scan(multiStage);
  assert.deepEqual(
    model.imageRefs.map((r) => [r.role, r.ref.value, r.resource.name, r.ref.loc.startLine, r.ref.loc.startColumn]),
    [
      ['base', 'docker.io/library/golang:1.22', 'builder', 3, 6],
      ['copy-from', 'nginx:1.27', 'runtime', 12, 13],
      ['base', 'alpine:${TAG}', 'unused', 18, 6],
    ],
  );
  const scratch = scan('FROM scratch\nCOPY app /app\n').model;
  assert.deepEqual(scratch.imageRefs.map((r) => [r.ref.value, r.resource]), [['scratch', { kind: 'Containerfile', name: '0' }]]);
});

test('no USER anywhere: user is undefined; the container borrows the FROM location', () => {
  const { model } = scan('FROM debian:12\nRUN apt-get update\n', 'api.Dockerfile');
  const container = model.workloads[0]!.containers[0]!;
  assert.equal(container.user, undefined);
  assert.equal(container.group, undefined);
  assert.equal(model.workloads[0]!.name, 'api.Dockerfile');
  assert.deepEqual(container.resource, { kind: 'Containerfile', name: 'api.Dockerfile', container: 'stage 0' });
  assert.deepEqual(at(container.loc), [1, 1, 1, 15]);
});

test('USER and EXPOSE expand ARGs of the stage; unknown values are dynamic', () => {
  const text = 'FROM alpine:3.20\nARG UID=10001\nARG GID\nUSER ${UID}:${GID}\nEXPOSE ${PORT:-8080}\n';
  const container = scan(text).model.workloads[0]!.containers[0]!;
  assert.equal(container.user!.value, '10001:${GID}');
  assert.equal(container.user!.dynamic, true);
  assert.equal(container.group!.dynamic, true);
  assert.equal(container.ports[0]!.containerPort!.value, 8080);
  const known = scan('FROM alpine\nARG UID=10001\nUSER $UID\n').model.workloads[0]!.containers[0]!;
  assert.equal(known.user!.value, '10001');
  assert.equal(known.user!.dynamic, undefined);
});

test('JSON form, heredocs, ONBUILD and the backtick escape are modelled', () => {
  const text = [
    '# escape=`',
    'FROM alpine',
    'RUN <<EOF',
    'echo hi',
    'EOF',
    'CMD ["sh", "-c", "echo hi"]',
    'ONBUILD COPY --chown=app . /src',
    'RUN echo a `',
    '    b',
    '',
  ].join('\n');
  const { model, errors } = scan(text);
  assert.deepEqual(errors, []);
  const build = model.builds[0]!;
  assert.equal(build.escape, '`');
  assert.equal(build.directives[0]!.name, 'escape');
  const [run, cmd, onbuild, continued] = build.stages[0]!.instructions;
  assert.deepEqual(at(run!.loc), [3, 1, 5, 4]);
  assert.deepEqual(run!.heredocs.map((h) => [h.name, h.content, h.expand]), [['EOF', 'echo hi\n', true]]);
  assert.equal(cmd!.json, true);
  assert.deepEqual(cmd!.args.map((a) => a.value), ['sh', '-c', 'echo hi']);
  assert.deepEqual(at(cmd!.args[2]!.loc), [6, 18, 6, 27]);
  assert.equal(onbuild!.trigger!.keyword, 'COPY');
  assert.equal(onbuild!.trigger!.flags[0]!.name, 'chown');
  assert.deepEqual(at(onbuild!.trigger!.flags[0]!.loc), [7, 14, 7, 25]);
  assert.equal(continued!.text, 'echo a     b');
});

test('a file buildkit rejects gives one parse error with line and column, and nothing else', () => {
  const cases: [string, number, number, RegExp][] = [
    ['FROM alpine\n\nENV PATH\n', 3, 1, /ENV must have two arguments/],
    ['# only a comment\n', 1, 1, /no instructions/],
    ['FROM alpine\nCMD ["a", ["b"]]\n', 2, 1, /strings only/],
    ['FROM alpine\nRUN <<EOF\necho\n', 2, 1, /unterminated heredoc/],
    ['FROM alpine\n  FOO bar\n', 2, 3, /unknown instruction: FOO/],
    ['RUN make\nFROM alpine\n', 1, 1, /no build stage/],
    ['ARG A=1\n', 1, 1, /no stages/],
    ['FROM alpine AS\n', 1, 1, /one or three arguments/],
    ['FROM alpine AS 1st\n', 1, 1, /invalid name for build stage/],
    ['FROM alpine AS a\nFROM alpine AS A\n', 2, 1, /duplicate stage name/],
    ['# escape=x\nFROM alpine\n', 1, 1, /invalid escape token/],
    ['FROM alpine\nCOPY onlyone\n', 2, 1, /at least two arguments/],
  ];
  for (const [text, line, column, message] of cases) {
    const { model, errors } = scan(text);
    assert.equal(errors.length, 1, text);
    const [error] = errors;
    assert.equal(error!.file, 'Containerfile');
    assert.equal(error!.code, 'parse');
    assert.equal(error!.line, line, text);
    assert.equal(error!.column, column, text);
    assert.match(error!.message, message);
    assert.equal(model.builds.length + model.workloads.length + model.imageRefs.length, 0);
  }
});

test('file names: Dockerfile and Containerfile families, names only', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'dockerfile', 'containerfile', 'api.Dockerfile', 'x/web.containerfile', 'Dockerfile.prod', 'sub/Containerfile.arm64']) {
    assert.equal(isDockerfileName(name), true, name);
  }
  // Editor syntax files, man pages, templates and compressed copies only carry the name.
  const lookalikes = ['runtime/syntax/dockerfile.vim', 'docs/Containerfile.5', 'man/Dockerfile.5.md', 'Dockerfile.j2', 'Dockerfile.tmpl', 'Dockerfile.gz', 'Containerfile.orig'];
  for (const name of ['Dockerfile.dockerignore', 'README.md', 'docker-compose.yml', 'Makefile', 'mydockerfile', ...lookalikes]) {
    assert.equal(isDockerfileName(name), false, name);
  }
  assert.equal(dockerfileSource.matchesContent('FROM alpine\n', 'x.txt'), false);
  assert.equal(dockerfileSource.id, 'dockerfile');
  assert.equal(dockerfileSource.input, 'DF');
  assert.ok(sources.includes(dockerfileSource), 'registered in sources/index.ts');
});
