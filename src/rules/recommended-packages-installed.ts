/**
 * recommended-packages-installed: apt, dnf and zypper install a package's
 * recommended (weak) dependencies too unless told not to, so an image ships
 * programs nobody asked for, each one more thing to patch and to misuse.
 */
import { LineIndex } from '../model/location.js';
import { defineRule } from './rule.js';
import { shippedInstalls } from './support/package-installs.js';

export default defineRule({
  id: 'recommended-packages-installed',
  title: 'Package install pulls in recommended packages',
  severity: 'low',
  inputs: ['DF'],
  rationale:
    'apt, dnf and zypper install the packages a package merely recommends unless told not to: the image then ships programs (mail agents, editors, documentation tools) that nothing uses, each one more package to patch and more tooling for an intruder.',
  remedy:
    'Install only what is asked for: `apt-get install --no-install-recommends`, `dnf`/`microdnf install --setopt=install_weak_deps=0`, `zypper install --no-recommends`; add any recommended package you do need by name (`ca-certificates` for HTTPS clients).',
  references: [
    { title: 'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container' },
    { title: 'Docker documentation: Building best practices (apt-get)', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' },
  ],
  messages: {
    recommends: '`{{manager}} install` also installs what the packages recommend, and that ships in the image: add `{{option}}`.',
  },
  fix: {
    automatic: true,
    effect:
      'Inserts the option after `install` in shell-form `RUN` commands of the stages that reach the final image: `--no-install-recommends` (apt-get, apt), `--setopt=install_weak_deps=0` (dnf, microdnf), `--no-recommends` (zypper). A command inside quotes, after a variable, or that already says `--install-recommends`/`install_weak_deps` is left alone.',
    risk: 'a program that relied on a recommended package fails at run time — most often an HTTPS client without `ca-certificates`: add such packages by name.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      const text = ctx.model.files.get(build.file)?.text;
      if (text === undefined) continue;
      const lines = new LineIndex(text);
      // Only what reaches the final image ships: a builder stage's extras do not.
      for (const install of shippedInstalls(build, text)) {
        if (install.decided) continue;
        const start = lines.position(install.start);
        const end = lines.position(install.end);
        ctx.report({
          messageId: 'recommends',
          data: { manager: install.manager, option: install.option },
          loc: { file: build.file, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        });
      }
    }
  },
});
