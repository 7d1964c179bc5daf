/**
 * Generated corpora for the whole-scan benchmarks, deterministic so runs compare:
 * Compose projects, deploy scripts with run lines, Containerfiles, and one large
 * multi-document Kubernetes file. (The 5,000-manifest corpus is in k8s-corpus.ts.)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifest } from './k8s-corpus.js';

/** A Compose file with `services` typical services. */
export function composeFile(index: number, services: number): string {
  const lines = ['x-common: &common', '  restart: unless-stopped', '  read_only: true', 'services:'];
  for (let s = 0; s < services; s++) {
    lines.push(
      `  svc${s}:`,
      '    <<: *common',
      `    image: "registry.example.com/team/app${s}:\${TAG:-1.${index}}"`,
      '    user: "10001:10001"',
      '    ports:',
      `      - "127.0.0.1:${8000 + s}:8080"`,
      `      - target: 9${s % 1000}`,
      '        published: "9000"',
      '    volumes:',
      `      - ./data${s}:/data:ro`,
      '      - cache:/cache',
      '    tmpfs:',
      '      - /tmp:size=64m,nosuid,nodev,noexec',
      '    environment:',
      '      - MODE=prod',
      `      - DB_PASSWORD=\${DB_PASSWORD}`,
      '      - LOG_LEVEL=info',
      '    security_opt: ["no-new-privileges:true"]',
      '    cap_drop: [ALL]',
      '    cap_add: [NET_BIND_SERVICE]',
      '    pids_limit: 100',
      '    deploy:',
      '      resources:',
      '        limits: {cpus: "0.5", memory: 256m}',
    );
  }
  lines.push('volumes:', '  cache: {}');
  return lines.join('\n') + '\n';
}

/** A deploy script: run lines with many flags between ordinary shell. */
export function script(index: number, runs: number): string {
  const lines = ['#!/bin/bash', 'set -euo pipefail', `IMAGE=\${IMAGE:-app:${index}}`];
  for (let r = 0; r < runs; r++) {
    lines.push(
      `# service ${r}`,
      `if [ -n "\${SKIP_${r}:-}" ]; then echo "skip ${r}"; fi`,
      `podman run -d --name svc${r} --read-only --tmpfs /tmp:rw,size=64m,nosuid,nodev,noexec \\`,
      `  -p 127.0.0.1:${8000 + r}:8080 -e "MODE=prod" -e HOME -v "$PWD/data${r}:/data:ro,Z" \\`,
      `  --security-opt no-new-privileges --cap-drop=all --user 1000:1000 --pids-limit 100 \\`,
      `  --memory 256m --cpus 0.5 registry.example.com/app${r}:1.${r} serve --port 8080`,
      `for f in a b c; do echo "$f" | sed -e 's/x/y/' > /dev/null; done`,
    );
  }
  return lines.join('\n') + '\n';
}

const BASES = ['docker.io/library/golang:1.22', 'node:20-bookworm', 'python:3.12-slim', 'registry.access.redhat.com/ubi9/ubi'];

/** A two-stage Containerfile as projects write them. */
export function containerfile(index: number): string {
  const base = BASES[index % BASES.length]!;
  const hardened = index % 3 === 0;
  return `# syntax=docker/dockerfile:1
ARG VERSION=1.${index}
FROM ${base} AS build
WORKDIR /src
COPY go.mod go.sum package.json ./
RUN --mount=type=cache,target=/root/.cache \\
    apt-get update && apt-get install -y --no-install-recommends ca-certificates git make \\
    && rm -rf /var/lib/apt/lists/*
COPY . .
ENV CGO_ENABLED=0 GOFLAGS=-trimpath APP_VERSION=\${VERSION}
RUN make build VERSION=\${VERSION} && \\
    ./bin/app --version
${index % 7 === 0 ? 'RUN curl -fsSL https://example.com/install.sh | sh\n' : ''}FROM ${hardened ? 'gcr.io/distroless/static-debian12@sha256:' + 'a'.repeat(64) : 'debian:bookworm-slim'}
LABEL org.opencontainers.image.source="https://example.com/app${index}" \\
      org.opencontainers.image.version="\${VERSION}"
COPY --from=build --chown=10001:10001 /src/bin/app /usr/local/bin/app
COPY config/ /etc/app/
EXPOSE 8080 9090
${hardened ? 'USER 10001:10001\n' : ''}HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/app", "health"]
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["serve", "--port=8080"]
`;
}

async function writeEach(dir: string, count: number, name: (i: number) => string, text: (i: number) => string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const file = join(dir, name(i));
    await mkdir(join(file, '..'), { recursive: true });
    const t = text(i);
    await writeFile(file, t);
    bytes += Buffer.byteLength(t);
  }
  return { files: count, bytes };
}

const pad = (i: number) => String(i).padStart(5, '0');

/** `count` Compose projects of 10 services, each in its own folder. */
export const writeComposeCorpus = (dir: string, count = 2000) => writeEach(dir, count, (i) => `p${pad(i)}/compose.yaml`, (i) => composeFile(i, 10));
/** `count` deploy scripts of 10 run lines each. */
export const writeScriptCorpus = (dir: string, count = 2000) => writeEach(dir, count, (i) => `deploy-${pad(i)}.sh`, (i) => script(i, 10));
/** `count` Containerfiles, each in its own folder. */
export const writeContainerfileCorpus = (dir: string, count = 2000) => writeEach(dir, count, (i) => `c${pad(i)}/Containerfile`, containerfile);

/** One multi-document Kubernetes file of at least `bytes` (the corpus's manifests joined by `---`). */
export async function writeLargeManifest(file: string, bytes = 50e6): Promise<{ files: number; bytes: number; manifests: number }> {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const m = manifest(i);
    parts.push(m);
    size += Buffer.byteLength(m) + 4;
  }
  await writeFile(file, parts.join('---\n'));
  return { files: 1, bytes: size, manifests: parts.length };
}
