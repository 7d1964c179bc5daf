/**
 * Recognises `podman|docker [global flags] [container] run|create …` in a simple
 * command, also behind the wrappers people put in front of it (`sudo`, `exec`,
 * `env VAR=…`, `nohup`, `time`, `command`, `nice`, `timeout`).
 */
import { parseGlobalArgs, type ParsedFlag, type UnknownFlag } from './run-args.js';
import type { ShellWord } from './shell-parse.js';

export interface RunCommand {
  tool: 'podman' | 'docker';
  subcommand: 'run' | 'create';
  toolWord: ShellWord;
  /** The `run`/`create` word: with `toolWord` it spans the command's location. */
  subcommandWord: ShellWord;
  /** Flags between the tool and the subcommand (`podman --runtime runsc run`). */
  globalFlags: ParsedFlag[];
  unknownGlobal: UnknownFlag[];
  /** Everything after `run`/`create`. */
  args: ShellWord[];
  /** Run by root: behind `sudo`/`doas` without another target user. */
  asRoot: boolean;
}

/** Wrapper commands, with their flags that take a value. */
const WRAPPERS: Record<string, { valueFlags: string[]; positional?: number }> = {
  sudo: { valueFlags: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user', '--command-timeout', '--close-from'] },
  doas: { valueFlags: ['-u', '-C'] },
  exec: { valueFlags: ['-a'] },
  env: { valueFlags: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'] },
  nohup: { valueFlags: [] },
  time: { valueFlags: ['-f', '-o', '--format', '--output'] },
  command: { valueFlags: [] },
  nice: { valueFlags: ['-n', '--adjustment'] },
  // `timeout DURATION cmd`: one positional argument before the command.
  timeout: { valueFlags: ['-k', '-s', '--kill-after', '--signal'], positional: 1 },
};

function baseName(word: ShellWord): string {
  const v = word.value;
  return v.slice(v.lastIndexOf('/') + 1);
}

/**
 * The run/create command in `words`, if that is what they are.
 *
 * @example
 * findRunCommand(words('sudo -u svc podman --log-level debug container run nginx'))?.args[0].value; // 'nginx'
 */
export function findRunCommand(words: readonly ShellWord[]): RunCommand | undefined {
  let i = skipWrappers(words, 0);
  const toolWord = words[i];
  if (!toolWord || toolWord.dynamic) return undefined;
  const name = baseName(toolWord);
  const tool = name === 'podman' || name === 'podman-remote' ? 'podman' : name === 'docker' ? 'docker' : undefined;
  if (!tool) return undefined;
  i++;
  const global = parseGlobalArgs(words.slice(i), tool);
  i += global.rest;
  let sub = words[i];
  if (sub?.value === 'container') sub = words[++i];
  if (!sub || (sub.value !== 'run' && sub.value !== 'create')) return undefined;
  return {
    tool,
    subcommand: sub.value,
    toolWord,
    subcommandWord: sub,
    globalFlags: global.flags,
    unknownGlobal: global.unknown,
    args: words.slice(i + 1),
    asRoot: runsAsRoot(words.slice(0, words.indexOf(toolWord))),
  };
}

/**
 * Whether the wrappers in front of the tool make root run it: `sudo` or `doas`
 * without `-u`/`--user` naming someone else (`sudo -u svc podman …` is rootless).
 */
function runsAsRoot(wrappers: readonly ShellWord[]): boolean {
  let root = false;
  let current = '';
  for (let k = 0; k < wrappers.length; k++) {
    const w = wrappers[k]!.value;
    const name = w.slice(w.lastIndexOf('/') + 1);
    if (name in WRAPPERS) current = name;
    if (name === 'sudo' || name === 'doas') root = true;
    if (current !== 'sudo' && current !== 'doas') continue;
    const user = w === '-u' || w === '--user' ? wrappers[k + 1]?.value : /^(?:-u|--user=)(.+)$/.exec(w)?.[1];
    if (user !== undefined) root = /^(?:root|#?0)$/.test(user);
  }
  return root;
}

function skipWrappers(words: readonly ShellWord[], from: number): number {
  let i = from;
  for (;;) {
    const word = words[i];
    if (!word) return i;
    const wrapper = WRAPPERS[baseName(word)];
    if (!wrapper) return i;
    i++;
    let positional = wrapper.positional ?? 0;
    while (i < words.length) {
      const w = words[i]!.value;
      if (w === '--') {
        i++;
        break;
      }
      if (w.startsWith('-') && w.length > 1) {
        i += wrapper.valueFlags.includes(w) ? 2 : 1;
        continue;
      }
      // `env NAME=value cmd`
      if (baseName(word) === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
        i++;
        continue;
      }
      if (positional > 0) {
        positional--;
        i++;
        continue;
      }
      break;
    }
  }
}
