/**
 * `seaworthy db import|update|status`: the local OSV advisory database that
 * `image --scanners vuln` matches against. Only `update` uses the network.
 */
import { parseArgs } from 'node:util';
import { AdvisoryDatabase, RecordSet, databaseDir, writeDatabase, DatabaseMissingError } from '../advisories/advisory-db.js';
import { DEFAULT_ECOSYSTEMS, DEFAULT_MIRROR, updateDatabase } from '../advisories/db-update.js';
import { importPaths } from '../advisories/import-osv.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export const DB_HELP = `Usage: seaworthy db <import PATH...|update|status> [options]

The local database of OSV advisories that 'seaworthy image --scanners vuln' uses.

  import PATH...     build it from OSV JSON files, directories of them, or the
                     per-ecosystem all.zip archives OSV publishes
  update             download the all.zip archives from a mirror and rebuild
                     (resumes interrupted downloads, verifies them, swaps atomically)
  status             sources, record counts and age

Options:
      --db DIR             the database (default: $SEAWORTHY_DB, else
                           $XDG_CACHE_HOME/seaworthy/db)
      --mirror URL         update: where <Ecosystem>/all.zip is fetched from
                           (default: $SEAWORTHY_DB_MIRROR, else ${DEFAULT_MIRROR})
      --ecosystem NAME     update: an OSV ecosystem to fetch (repeatable; default:
                           ${DEFAULT_ECOSYSTEMS.join(', ')})
  -f, --format FORMAT      status: text (default) or json
  -h, --help               this help
`;

export async function runDbCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      mirror: { type: 'string' },
      ecosystem: { type: 'string', multiple: true },
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [sub, ...paths] = positionals;
  if (values.help || !sub) {
    process.stdout.write(DB_HELP);
    return values.help ? EXIT.ok : EXIT.error;
  }
  const dir = databaseDir(values.db);
  if (sub === 'import') {
    if (!paths.length) throw new UsageError('db import needs at least one PATH (OSV .json files, directories, or all.zip archives)');
    const set = new RecordSet();
    let result;
    try {
      result = importPaths(paths, set);
    } catch (e) {
      process.stderr.write(`seaworthy: ${(e as Error).message}\n`);
      return EXIT.error;
    }
    for (const p of result.problems) process.stderr.write(`seaworthy: skipped ${p}\n`);
    if (!set.byId.size) {
      process.stderr.write(`seaworthy: no OS-package advisories found in ${paths.join(', ')}; the database was left as it was\n`);
      return EXIT.error;
    }
    const meta = await writeDatabase(dir, set, result.sources);
    process.stdout.write(`imported ${meta.records} advisories (${formatEcosystems(meta.ecosystems)}) into ${dir}\n`);
    return result.problems.length ? EXIT.error : EXIT.ok;
  }
  if (sub === 'update') {
    if (paths.length) throw new UsageError('db update takes no paths (use --mirror and --ecosystem)');
    try {
      const { meta, problems } = await updateDatabase(dir, {
        mirror: values.mirror ?? process.env['SEAWORTHY_DB_MIRROR'] ?? DEFAULT_MIRROR,
        ...(values.ecosystem && { ecosystems: values.ecosystem }),
        log: (line) => process.stderr.write(`seaworthy: ${line}\n`),
      });
      for (const p of problems) process.stderr.write(`seaworthy: skipped ${p}\n`);
      process.stdout.write(`updated ${dir}: ${meta.records} advisories (${formatEcosystems(meta.ecosystems)})\n`);
      return EXIT.ok;
    } catch (e) {
      process.stderr.write(`seaworthy: db update failed, the database was left as it was: ${(e as Error).message}\n`);
      return EXIT.error;
    }
  }
  if (sub === 'status') {
    if (paths.length) throw new UsageError('db status takes no paths');
    let db: AdvisoryDatabase;
    try {
      db = AdvisoryDatabase.open(dir);
    } catch (e) {
      if (!(e instanceof DatabaseMissingError)) throw e;
      process.stderr.write(`seaworthy: ${e.message}\n`);
      return EXIT.error;
    }
    const age = db.ageDays();
    db.close();
    if (values.format === 'json') {
      process.stdout.write(JSON.stringify({ dir, ...db.meta, ageDays: Math.round(age * 10) / 10 }, null, 2) + '\n');
      return EXIT.ok;
    }
    if (values.format !== undefined && values.format !== 'text') throw new UsageError(`unknown --format "${values.format}" for db status (expected text or json)`);
    const lines = [
      `database: ${dir}`,
      `built:    ${db.meta.built} (${age < 1 ? 'less than a day' : `${Math.floor(age)} day${Math.floor(age) === 1 ? '' : 's'}`} ago)`,
      `records:  ${db.meta.records} (${formatEcosystems(db.meta.ecosystems)}), ${db.meta.keys} release/package keys`,
      'sources:',
      ...db.meta.sources.map((s) => `  ${s.name}: ${s.records} records${s.sha256 ? `, sha256 ${s.sha256.slice(0, 16)}…` : ''}${s.lastModified ? `, published ${s.lastModified}` : ''}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  }
  throw new UsageError(`unknown db subcommand "${sub}" (expected import, update or status)`);
}

function formatEcosystems(ecosystems: Record<string, number>): string {
  return Object.entries(ecosystems).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
}
