/**
 * Package installs in a shell-form `RUN`, found in the instruction's text as
 * written (line continuations and all), so a finding can point at the `install`
 * word and a fix can insert an option right after it. Only plain commands are
 * read: a command inside quotes (`sh -c "…"`), after a variable or in a function
 * is left alone, since inserting into it would not be safe.
 */
import { finalStage, stageChain, type BuildSpec } from '../../model/build-spec.js';
import { LineIndex } from '../../model/location.js';

export type PackageManager = 'apt-get' | 'apt' | 'dnf' | 'microdnf' | 'zypper';

export interface PackageInstall {
  manager: PackageManager;
  /** Offsets of the `install` word in the text given. */
  start: number;
  end: number;
  /** The option that leaves out recommended/weak dependencies, for this manager. */
  option: string;
  /** True when the command already says whether recommended packages come (either way). */
  decided: boolean;
}

/** What each manager is told, and the words that show it was told something already. */
const MANAGERS: Readonly<Record<PackageManager, { install: readonly string[]; option: string; decided: RegExp; takesValue: readonly string[] }>> = {
  'apt-get': { install: ['install'], option: '--no-install-recommends', decided: /^--(?:no-)?install-recommends$|Install-Recommends/i, takesValue: ['-o', '-c', '-t', '--option', '--config-file', '--target-release'] },
  apt: { install: ['install'], option: '--no-install-recommends', decided: /^--(?:no-)?install-recommends$|Install-Recommends/i, takesValue: ['-o', '-c', '-t', '--option', '--config-file', '--target-release'] },
  dnf: { install: ['install'], option: '--setopt=install_weak_deps=0', decided: /install_weak_deps/i, takesValue: ['-c', '--config', '--setopt', '--installroot', '--releasever', '--repo', '--repoid', '--enablerepo', '--disablerepo', '-x', '--exclude'] },
  microdnf: { install: ['install'], option: '--setopt=install_weak_deps=0', decided: /install_weak_deps/i, takesValue: ['--config', '--setopt', '--installroot', '--releasever', '--enablerepo', '--disablerepo'] },
  zypper: { install: ['install', 'in'], option: '--no-recommends', decided: /^--(?:no-)?recommends$/, takesValue: ['-c', '--config', '-R', '--root', '--reposd-dir', '--cache-dir'] },
};

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The package installs of a `RUN`'s text.
 *
 * @example
 * packageInstalls('RUN apt-get update && apt-get install -y curl')[0]; // { manager: 'apt-get', start: 31, end: 38, decided: false, … }
 */
export function packageInstalls(text: string, escape = '\\'): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const command of commands(text, escape)) {
    // Leading `VAR=value` assignments and `sudo`/`env` do not change what runs.
    let at = 0;
    while (at < command.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command[at]!.text) || command[at]!.text === 'sudo' || command[at]!.text === 'env')) at++;
    const name = command[at]?.text.replace(/^(?:\/usr)?\/s?bin\//, '');
    if (!name || !(name in MANAGERS)) continue;
    const manager = name as PackageManager;
    const spec = MANAGERS[manager];
    // The subcommand is the first word that is neither an option nor an option's value.
    let sub: Word | undefined;
    for (let i = at + 1; i < command.length; i++) {
      const word = command[i]!.text;
      if (word.startsWith('-')) {
        if (spec.takesValue.includes(word)) i++;
        continue;
      }
      sub = command[i];
      break;
    }
    if (!sub || !spec.install.includes(sub.text)) continue;
    const decided = command.some((w) => spec.decided.test(w.text));
    out.push({ manager, start: sub.start, end: sub.end, option: spec.option, decided });
  }
  return out;
}

/**
 * Simple commands as lists of words. `&&`, `||`, `;`, `|`, `&`, parentheses and
 * unescaped line ends separate commands; an escaped line end joins lines. A
 * command with a quote, `$`, backquote or brace in it is dropped whole.
 */
function commands(text: string, escape: string): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  let unsafe = false;
  const finish = () => {
    if (current.length && !unsafe) out.push(current);
    current = [];
    unsafe = false;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === escape && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      finish();
      i++;
      continue;
    }
    if (ch === '#' && current.length === 0) {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s;&|()]/.test(text[i]!) && !(text[i] === escape && /\r?\n/.test(text.slice(i + 1, i + 3)))) i++;
    const word = text.slice(start, i);
    if (/["'`$\\{}]/.test(word)) unsafe = true;
    current.push({ text: word, start, end: i });
  }
  finish();
  return out;
}

/** A package install located in a Containerfile's text (absolute offsets). */
export interface LocatedInstall extends PackageInstall {
  file: string;
}

/**
 * The package installs in the shell-form `RUN`s of the stages that reach the final
 * image, with offsets into `text` (the Containerfile as scanned).
 *
 * @example
 * shippedInstalls(build, text).filter((i) => !i.decided); // the installs to flag
 */
export function shippedInstalls(build: BuildSpec, text: string): LocatedInstall[] {
  const final = finalStage(build);
  if (!final) return [];
  const lines = new LineIndex(text);
  const out: LocatedInstall[] = [];
  for (const stage of stageChain(build, final)) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN' || instruction.json || !instruction.args[0]) continue;
      const from = lines.lineStart(instruction.args[0].loc.startLine) + instruction.args[0].loc.startColumn - 1;
      const to = lines.lineStart(instruction.loc.endLine) + instruction.loc.endColumn - 1;
      for (const install of packageInstalls(text.slice(from, to), build.escape)) {
        out.push({ ...install, start: from + install.start, end: from + install.end, file: build.file });
      }
    }
  }
  return out;
}
