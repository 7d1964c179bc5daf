/**
 * single-stage-build: a one-stage build ships whatever it needed to build
 * (compilers, headers, package managers' caches, credentials); a multi-stage
 * build ships only the result.
 */
import type { Instruction } from '../model/build-spec.js';
import { defineRule } from './rule.js';
import { copyDestination, copySources, flagOf, runScript } from './support/build-stages.js';
import { isPublicKeyDestination, isSecretFile } from './support/secret-files.js';

/** Package-manager install commands; what follows them on the line is the package list. */
const INSTALL = /\b(?:apt-get|apt|aptitude)\s+(?:-\S+\s+)*install\b|\bapk\s+(?:-\S+\s+)*add\b|\b(?:yum|dnf|microdnf|tdnf)\s+(?:-\S+\s+)*install\b|\bzypper\s+(?:-\S+\s+)*(?:install|in)\b/g;
/** Build tooling among installed packages: compilers, build systems, headers, JDKs. */
const TOOL_PACKAGE = /^(?:gcc(?:-[\d.]+)?|g\+\+(?:-[\d.]+)?|cc|clang(?:-[\d.]+)?|make|cmake|ninja-build|build-essential|build-base|alpine-sdk|linux-headers(?:-.*)?|autoconf|automake|libtool|pkg-?config|pkgconf|golang(?:-go)?|go|rustc|cargo|maven|gradle|default-jdk|openjdk\d*(?:-jdk)?|.*-jdk(?:-headless)?|.*-dev|.*-devel)$/;
/** Language builds and dependency installs, as commands (at the start or after `&&`, `;`, `|`, `(`). */
const LANGUAGE_BUILD = /(?:^|[;&|(]|\n)\s*(?:sudo\s+)?(?:npm\s+(?:ci|install|i|run\s+build)|yarn(?:\s+(?:install|build))?\s*(?:$|[;&|])|pnpm\s+(?:install|i|build)|(?:python[0-9.]*\s+-m\s+)?pip[0-9.]*\s+install|go\s+(?:build|install)|cargo\s+(?:build|install)|mvn\b|\.\/mvnw\b|gradle\s+\S|\.\/gradlew\b|dotnet\s+(?:build|publish|restore)|make\b(?!\s+-v|\s+--version))/;

/** Flags that limit a Node.js install to production dependencies. */
const PRODUCTION_ONLY = /\s(?:--omit[= ]dev|--only[= ]prod(?:uction)?|--production(?:=true)?|--prod)\b/;

export default defineRule({
  id: 'single-stage-build',
  title: 'Single-stage build ships its build tooling',
  severity: 'low',
  inputs: ['DF'],
  rationale:
    'Compilers, headers, language package managers and build caches in the shipped image enlarge the attack surface and the vulnerability count, and give an intruder tools to build exploits in place; secrets used for the build stay in its layers.',
  remedy: 'Use a multi-stage build: compile and fetch dependencies in a builder stage, then `COPY --from=builder` only the result into a minimal final stage.',
  references: [
    { title: 'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container' },
    { title: 'Docker documentation: Multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #13 - Keep images minimal', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    tooling: 'This one-stage build {{what}}, which then ships in the image: build in a separate stage and copy only the result.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      if (build.stages.length !== 1) continue;
      for (const instruction of build.stages[0]!.instructions) {
        const what = buildTooling(instruction);
        if (what) {
          ctx.report({ messageId: 'tooling', data: { what }, loc: instruction.loc });
          break;
        }
      }
    }
  },
});

/** What the instruction brings into the image that a build needs and a runtime does not. */
function buildTooling(instruction: Instruction): string | undefined {
  if (instruction.keyword === 'RUN') {
    const script = runScript(instruction).replace(/\\\n/g, ' ');
    const pkg = installedToolPackage(script);
    if (pkg) return `installs the build tool package "${pkg}"`;
    for (const build of script.matchAll(new RegExp(LANGUAGE_BUILD.source, 'g'))) {
      const command = build[0].replace(/^[;&|(\s]*(?:sudo\s+)?/, '').trim();
      // `npm ci --omit=dev` and the like install only what runs: no build tooling ships.
      if (/^(?:npm|yarn|pnpm)\b/.test(command) && PRODUCTION_ONLY.test(commandAt(script, build.index))) continue;
      return `runs "${command}"`;
    }
  } else if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !flagOf(instruction, 'from')) {
    const destination = copyDestination(instruction)?.value ?? '';
    const secret = isPublicKeyDestination(destination) ? undefined : copySources(instruction).find((s) => isSecretFile(s.value));
    if (secret) return `copies the secret-like file "${secret.value}"`;
  }
  return undefined;
}

function installedToolPackage(script: string): string | undefined {
  for (const m of script.matchAll(INSTALL)) {
    const rest = script.slice(m.index + m[0].length).split(/&&|\|\||[;|\n]/)[0] ?? '';
    for (const word of rest.trim().split(/\s+/)) {
      if (!word || word.startsWith('-')) continue;
      const name = word.replace(/[=<>~].*$/, '').toLowerCase();
      if (TOOL_PACKAGE.test(name)) return name;
    }
  }
  return undefined;
}

/** The shell command that starts at `index`, up to the next separator. */
function commandAt(script: string, index: number): string {
  const rest = script.slice(index).replace(/^[;&|(\s]+/, '');
  return rest.split(/&&|\|\||[;|\n]/)[0] ?? '';
}
