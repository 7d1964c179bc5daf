/**
 * `seaworthy image REF`: analyse a built image (OCI layout or archive, docker
 * archive, or a registry) and report like `scan`, or write its SBOM.
 */
import { CHECK_OPTIONS, checkRuleIds } from './check-options.js';
import { parseCommandLine } from './parse-command-line.js';
import { formatCycloneDx } from '../sbom/cyclonedx.js';
import { runImageScan } from '../scan/run-image-scan.js';
import { zstdDecoder } from '../sources/image/decompress.js';
import { EXIT } from './exit-codes.js';
import { parseFormat, publishReport, writeReport } from './report-output.js';
import { exitCode, parseFailOn } from './scan-command.js';
import { UsageError } from './usage-error.js';
import { toolVersion } from './version.js';

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
      --containerfile FILE   the Containerfile the image was built from: findings also
                             point at the instruction that made the layer
      --sbom cyclonedx       write a CycloneDX SBOM of the OS packages instead of findings
      --no-color             no colour even on a terminal
  -h, --help                 this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or an
image (or a layer) that could not be read.
`;

export async function runImageCommand(argv: string[]): Promise<number> {
  // skopeo's spelling: a bare --tls-verify means true, --tls-verify=false turns it off.
  const args = argv.map((a) => (a === '--tls-verify' ? '--tls-verify=true' : a));
  const { values, positionals } = parseCommandLine('image', args, {
    ...CHECK_OPTIONS,
    platform: { type: 'string' },
    authfile: { type: 'string' },
    'tls-verify': { type: 'string' },
    'cert-dir': { type: 'string' },
    sbom: { type: 'string' },
    containerfile: { type: 'string' },
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
  if (values.sbom !== undefined && values.sbom !== 'cyclonedx') throw new UsageError(`unknown --sbom "${values.sbom}" (expected cyclonedx)`);

  const { result, failOn: effectiveFailOn, image } = await runImageScan(ref, {
    ...(values.config !== undefined && { configPath: values.config }),
    overrides: { ...(failOn !== undefined && { failOn }), trustedRegistries: values['trusted-registry'] ?? [], ...(values.rule?.length && { only: checkRuleIds(values.rule) }) },
    ...(values.platform !== undefined && { platform: values.platform }),
    ...(values.authfile !== undefined && { authfile: values.authfile }),
    ...(tls !== undefined && { tlsVerify: tls === 'true' }),
    ...(values['cert-dir'] !== undefined && { certDir: values['cert-dir'] }),
    ...(values.containerfile !== undefined && { containerfile: values.containerfile }),
    toolVersion: toolVersion(),
  });
  if (values.sbom) {
    for (const e of result.errors) process.stderr.write(`seaworthy: ${e.file}: ${e.message}\n`);
    if (!image) return EXIT.error;
    await writeReport(JSON.stringify(formatCycloneDx(image), null, 2), values.output);
    return result.errors.length ? EXIT.error : EXIT.ok;
  }
  await publishReport(result, format, { output: values.output, noColor: values['no-color'], verbose: values.verbose });
  return exitCode(result, effectiveFailOn);
}
