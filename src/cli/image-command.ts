/**
 * `seaworthy image REF`: analyse a built image (OCI layout or archive, docker
 * archive, or a registry) and report like `scan`, or write its SBOM.
 */
import { redactText } from '../secrets/secret-detection.js';
import { CHECK_OPTIONS, checkRuleIds } from './check-options.js';
import { parseCommandLine } from './parse-command-line.js';
import { cycloneDxText } from '../sbom/cyclonedx.js';
import { runImageScan } from '../scan/run-image-scan.js';
import { zstdDecoder } from '../sources/image/decompress.js';
import { EXIT } from './exit-codes.js';
import { parseFormat, publishReport, writeReport } from './report-output.js';
import { exitCode, parseFailOn } from './scan-command.js';
import { UsageError } from './usage-error.js';
import { parseDuration } from '../scan/file-budget.js';
import { toolVersion } from './version.js';
import { SCANNERS } from '../scan/run-image-scan.js';
import { SEVERITIES } from '../model/severity.js';
import { DatabaseMissingError, databaseDir } from '../advisories/advisory-db.js';
import { formatVerdictText, verdictJson } from '../signatures/format-verdict.js';
import { formatJson } from '../report/format-json.js';

/** A comma-separated list of known words, or undefined when the flag was not given. */
function parseList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const words = value.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  const bad = words.filter((w) => !(allowed as readonly string[]).includes(w));
  if (bad.length || !words.length) throw new UsageError(`${flag} takes ${allowed.join(', ')} (comma-separated), not "${value}"`);
  return [...new Set(words)] as T[];
}

export const IMAGE_HELP = `Usage: seaworthy image [options] REF

Checks a built image: its config, history and every layer (files deleted by a
later layer included) against the rule catalogue.

REF is one of:
  oci:DIR[:TAG]                      an OCI image layout
  oci-archive:FILE[:TAG]             a tar of an OCI layout
  docker-archive:FILE[:NAME:TAG]     docker save / podman save output
  docker://REGISTRY/REPO[:TAG|@DIGEST]  a registry (short names mean Docker Hub)

Options:
  -f, --format FORMAT        text (default), json or sarif
  -o, --output FILE          write the report (or SBOM) to FILE instead of standard output
      --fail-on SEVERITY     exit 1 only for findings at or above SEVERITY (default: low)
  -c, --config FILE          configuration file (default: .seaworthy.yaml from here upwards)
      --rule ID              run only this rule (repeatable)
      --trusted-registry P   a trusted registry prefix (repeatable)
      --platform OS/ARCH[/VARIANT]  image to pick from an index (default: this machine's)
      --authfile FILE        registry credentials (default: $REGISTRY_AUTH_FILE,
                             $XDG_RUNTIME_DIR/containers/auth.json, ~/.docker/config.json)
      --tls-verify=false     do not verify the registry's TLS certificate
      --cert-dir DIR         extra CA certificates (*.crt) for the registry
      --timeout TIME         the whole image scan may take TIME (30s, 10m, 1h;
                             default 1h); past it the scan stops with exit 2.
                             Each registry call also has its own deadline
                             (2 min; 30 min for a layer)
      --foreign-realm MODE   a token realm on another host than the registry never
                             gets its credentials: anonymous (default) asks it for
                             a token without them, refuse stops (config: foreignRealm)
      --containerfile FILE   the Containerfile the image was built from: findings also
                             point at the instruction that made the layer
      --scanners LIST        misconfig, secret, vuln, comma-separated (default:
                             misconfig,secret); vuln matches the OS packages against
                             the local OSV database (see 'seaworthy db --help')
      --db DIR               the advisory database (default: $SEAWORTHY_DB, else
                             $XDG_CACHE_HOME/seaworthy/db); scans never download
      --db-max-age DAYS      warn when the database is older (default: 7)
      --ignore-unfixed       leave out advisories the release has no fix for
      --severity LIST        report only these severities (low,medium,high,critical)
      --vex FILE             CycloneDX or OpenVEX statements; not_affected ones
                             remove the advisory (repeatable)
      --offline              the default: accepted for Trivy users, changes nothing
      --sbom cyclonedx       write a CycloneDX SBOM of the OS packages instead of findings
      --no-color             no colour even on a terminal
  -h, --help                 this help

Signatures (see docs/signatures.md; verified offline):
      --verify               the image must be signed: report image-not-signed
                             unless a signature for its digest verifies; prints
                             who signed what (also done for images that
                             signatures: in the configuration requires)
      --key FILE             a cosign public key (PEM: ECDSA, Ed25519, RSA);
                             repeatable
      --trust-store DIR      a Notary Project trust store (x509/ca/NAME/*.crt,
                             notation's config directory, or a folder of CA
                             certificates)
      --trust-policy FILE    its trust policy (trustpolicy.json); default: every
                             image strict, any certificate of the store

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or an
image (or a layer) that could not be read.
`;

/** The whole image scan's limit unless --timeout says otherwise. */
export const DEFAULT_IMAGE_TIMEOUT_MS = 3_600_000;

/**
 * The overall limit: the registry calls have deadlines of their own, but an image
 * of many layers from a slow registry could still add up to hours. Past the limit
 * nothing has been reported yet, and sockets or a zstd child may still be open, so
 * the process ends here with the usage/input error code.
 */
function overallTimeout(ms: number, ref: string): NodeJS.Timeout {
  return setTimeout(() => {
    process.stderr.write(`seaworthy: ${redactText(ref)}: the image scan did not finish within ${ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`} (--timeout); stopped\n`);
    process.exit(EXIT.error);
  }, ms);
}

export async function runImageCommand(argv: string[]): Promise<number> {
  // skopeo's spelling: a bare --tls-verify means true, --tls-verify=false turns it off.
  const args = argv.map((a) => (a === '--tls-verify' ? '--tls-verify=true' : a));
  const { values, positionals } = parseCommandLine('image', args, {
    ...CHECK_OPTIONS,
    platform: { type: 'string' },
    authfile: { type: 'string' },
    'tls-verify': { type: 'string' },
    'cert-dir': { type: 'string' },
    'foreign-realm': { type: 'string' },
    timeout: { type: 'string' },
    sbom: { type: 'string' },
    containerfile: { type: 'string' },
    scanners: { type: 'string' },
    db: { type: 'string' },
    'db-max-age': { type: 'string' },
    'ignore-unfixed': { type: 'boolean' },
    severity: { type: 'string' },
    vex: { type: 'string', multiple: true },
    offline: { type: 'boolean' },
    verify: { type: 'boolean' },
    key: { type: 'string', multiple: true },
    'trust-store': { type: 'string' },
    'trust-policy': { type: 'string' },
  });
  if (values.help) {
    await writeReport(IMAGE_HELP + `\nzstd layers are decoded with: ${zstdDecoder()}\n`, undefined);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one image reference, got ${positionals.length}` : 'missing image reference (e.g. oci-archive:app.tar)');
  const ref = positionals[0]!;
  const format = parseFormat(values.format);
  const failOn = parseFailOn(values['fail-on']);
  const tls = values['tls-verify'];
  if (tls !== undefined && tls !== 'true' && tls !== 'false') throw new UsageError(`--tls-verify takes true or false, not "${tls}"`);
  const timeoutMs = values.timeout === undefined ? DEFAULT_IMAGE_TIMEOUT_MS : parseDuration(values.timeout);
  if (timeoutMs === undefined) throw new UsageError(`--timeout "${values.timeout}" is not a duration (e.g. 30s, 10m, 1h)`);
  const foreignRealm = values['foreign-realm'];
  if (foreignRealm !== undefined && foreignRealm !== 'anonymous' && foreignRealm !== 'refuse') throw new UsageError(`--foreign-realm takes anonymous or refuse, not "${foreignRealm}"`);
  if (values.sbom !== undefined && values.sbom !== 'cyclonedx') throw new UsageError(`unknown --sbom "${values.sbom}" (expected cyclonedx)`);

  const scanners = parseList(values.scanners, SCANNERS, '--scanners');
  const severities = parseList(values.severity, SEVERITIES, '--severity');
  const maxAge = values['db-max-age'];
  if (maxAge !== undefined && !/^\d+(\.\d+)?$/.test(maxAge)) throw new UsageError(`--db-max-age takes a number of days, not "${maxAge}"`);
  const vulnFlags = ['db', 'db-max-age', 'ignore-unfixed', 'vex'] as const;
  const stray = vulnFlags.find((f) => values[f] !== undefined);
  if (stray && !scanners?.includes('vuln')) throw new UsageError(`--${stray} applies to the vuln scanner: add --scanners ...,vuln`);

  const signatureFlags = (['key', 'trust-store', 'trust-policy'] as const).find((f) => values[f] !== undefined);
  if (signatureFlags && !values.verify) throw new UsageError(`--${signatureFlags} is for signature verification: add --verify`);
  if (values['trust-policy'] !== undefined && values['trust-store'] === undefined) throw new UsageError('--trust-policy needs --trust-store DIR (the certificates the policy names)');
  if (values.verify && values.sbom) throw new UsageError('--verify and --sbom do not go together');

  let scan;
  const stop = overallTimeout(timeoutMs, ref);
  try {
    scan = await runImageScan(ref, {
      ...(scanners && { scanners }),
      ...(severities && { severities }),
      vuln: {
        dbDir: databaseDir(values.db),
        ignoreUnfixed: values['ignore-unfixed'] ?? false,
        ...(maxAge !== undefined && { maxAgeDays: Number(maxAge) }),
        ...(values.vex && { vex: values.vex }),
      },
      ...(values.config !== undefined && { configPath: values.config }),
      overrides: { ...(failOn !== undefined && { failOn }), trustedRegistries: values['trusted-registry'] ?? [], ...(values.rule?.length && { only: checkRuleIds(values.rule) }) },
      ...(values.platform !== undefined && { platform: values.platform }),
      ...(values.authfile !== undefined && { authfile: values.authfile }),
      ...(tls !== undefined && { tlsVerify: tls === 'true' }),
      ...(values['cert-dir'] !== undefined && { certDir: values['cert-dir'] }),
      ...(foreignRealm !== undefined && { foreignRealm }),
      ...(values.containerfile !== undefined && { containerfile: values.containerfile }),
      toolVersion: toolVersion(),
      ...(values.verify && {
        signatures: {
          verify: true,
          files: { keys: values.key ?? [], ...(values['trust-store'] !== undefined && { trustStore: values['trust-store'] }), ...(values['trust-policy'] !== undefined && { trustPolicy: values['trust-policy'] }) },
        },
      }),
    });
  } catch (e) {
    if (!(e instanceof DatabaseMissingError) && !/^.+: (cannot read the VEX document|neither an OpenVEX)/.test((e as Error).message)) throw e;
    process.stderr.write(`seaworthy: ${(e as Error).message}\n`);
    return EXIT.error;
  } finally {
    clearTimeout(stop);
  }
  const { result, failOn: effectiveFailOn, image, notices } = scan;
  for (const n of notices) process.stderr.write(`seaworthy: warning: ${n}\n`);
  if (values.sbom) {
    for (const e of result.errors) process.stderr.write(`seaworthy: ${e.file}: ${redactText(e.message)}\n`);
    if (!image) return EXIT.error;
    await writeReport(cycloneDxText(image), values.output);
    return result.errors.length ? EXIT.error : EXIT.ok;
  }
  const signature = scan.signature;
  if (signature && format === 'json') {
    // The JSON contract with one more key, `signatures`: who signed what.
    await writeReport(JSON.stringify({ ...(JSON.parse(formatJson(result)) as object), signatures: verdictJson(signature) }, null, 2) + '\n', values.output);
    return exitCode(result, effectiveFailOn);
  }
  // Text: the verdict before the findings; with --output the file gets the report alone.
  if (signature && format === 'text') {
    if (values.output === undefined) await writeReport(formatVerdictText(signature), undefined);
    else process.stderr.write(formatVerdictText(signature));
  }
  await publishReport(result, format, { output: values.output, noColor: values['no-color'], verbose: values.verbose });
  return exitCode(result, effectiveFailOn);
}
