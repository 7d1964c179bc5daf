/**
 * Signatures made by the real signers — Sigstore's cosign and the Notary Project's
 * notation, built by test/tools/signers/build.sh — on buildah-built images pushed to
 * Debian's docker-registry on loopback (distribution 2.x: no referrers API, so every
 * referrer goes through the tag schema), then verified by seaworthy. Each verdict the
 * issue names: valid, tampered payload, wrong key, expired certificate, a signature for
 * another digest, a registry without referrers support, an unsigned image.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadMaterial } from '../../src/signatures/load-material.js';
import { verifyImageSignatures } from '../../src/signatures/verify-image.js';
import type { SignatureVerdict } from '../../src/signatures/signature-types.js';
import { BUSYBOX, createImageBuilds, run, type BuiltImages } from '../support/image-builds.js';
import { startRegistry, type LocalRegistry } from '../support/local-registry.js';
import { needPrograms, prerequisite, repoRoot } from '../support/prerequisites.js';
import { getBlob, getManifest, pushBlob, putManifest } from '../support/registry-push.js';
import { signerBinary, signerPresent } from '../support/signers.js';

const skip =
  needPrograms('buildah', 'docker-registry', 'openssl') ??
  prerequisite(signerPresent('cosign') && signerPresent('notation'), `cosign and notation in ${join(signerBinary('cosign'), '../..')} (bash test/tools/signers/build.sh)`);
const fast = { tlsVerify: false, timeoutMs: 10_000, retries: 1, backoffMs: 50 };

describe('real signers on a real registry', { skip }, () => {
  let reg: LocalRegistry;
  let images: BuiltImages;
  let dir: string;
  const digests: Record<string, string> = {};
  const cosignEnv = () => ({ ...process.env, COSIGN_PASSWORD: 'test-password', HOME: dir, TUF_ROOT: join(dir, 'tuf') });
  const cosign = (...args: string[]) => {
    const r = spawnSync(signerBinary('cosign'), args, { cwd: dir, env: cosignEnv(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cosign ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const ref = (repo: string, tag = 'v1') => `docker://${reg.host}/${repo}:${tag}`;
  const verify = (repo: string, files: Parameters<typeof loadMaterial>[0], now?: Date): Promise<SignatureVerdict> => {
    const material = loadMaterial(files, dir);
    if (now && material.notation) material.notation = { ...material.notation, now };
    return verifyImageSignatures(ref(repo), material, fast);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seaworthy-signers-'));
    reg = await startRegistry();
    images = createImageBuilds();
    // Three distinct images: app (signed), other (its signature is moved onto app), bare (never signed).
    for (const name of ['app', 'other', 'bare', 'notary']) {
      const c = images.buildah(['from', 'scratch']).trim();
      images.buildah(['copy', c, BUSYBOX, '/bin/busybox']);
      images.buildah(['config', '--label', `image=${name}`, c]);
      images.buildah(['commit', '-q', c, `localhost/${name}:v1`]);
      images.buildah(['push', '-q', '--tls-verify=false', `localhost/${name}:v1`, `docker://${reg.host}/team/${name}:v1`]);
      const m = await fetch(`http://${reg.host}/v2/team/${name}/manifests/v1`, { method: 'HEAD', headers: { Accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' } });
      digests[name] = m.headers.get('docker-content-digest')!;
    }
    cosign('generate-key-pair', '--output-key-prefix', 'cosign');
    cosign('generate-key-pair', '--output-key-prefix', 'stranger');
    for (const [name, args] of Object.entries({ p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], ed25519: ['-algorithm', 'ED25519'], rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'] })) {
      run('openssl', ['genpkey', ...args, '-out', join(dir, `${name}.pem`)]);
      cosign('import-key-pair', '--key', `${name}.pem`, '--output-key-prefix', name, '-y');
    }
  });
  after(async () => {
    await reg?.stop();
    images?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sign = (key: string, repo: string, bundle = false) =>
    cosign('sign', '--key', `${key}.key`, '--tlog-upload=false', '--allow-insecure-registry', '--allow-http-registry', '-y', ...(bundle ? ['--new-bundle-format'] : []), `${reg.host}/team/${repo}@${digests[repo]}`);

  test('unsigned image: "unsigned", and the registry without referrers support is named', async () => {
    const v = await verify('team/bare', { keys: ['cosign.pub'] });
    assert.equal(v.verified, false);
    assert.equal(v.digest, digests['bare']);
    assert.match(v.summary, /^unsigned: no signature for sha256:/);
    assert.match(v.notes.join('\n'), /no OCI referrers API \(it answered 404\): used the referrers tag schema/);
  });

  test('cosign, generated P-256 key: simple signing and a Sigstore bundle verify; another key does not', async () => {
    sign('cosign', 'app');
    sign('cosign', 'app', true);
    const v = await verify('team/app', { keys: ['cosign.pub'] });
    assert.equal(v.verified, true, v.summary);
    const formats = v.checks.filter((c) => c.status === 'verified').map((c) => `${c.format}@${c.found}`).sort();
    assert.deepEqual(formats, ['cosign-simple-signing@cosign-tag', 'sigstore-bundle@referrers-tag']);
    assert.ok(v.checks.every((c) => c.signer?.keyType === 'ECDSA P-256'));

    const wrong = await verify('team/app', { keys: ['stranger.pub'] });
    assert.equal(wrong.verified, false);
    const reasons = wrong.checks.map((c) => `${c.format}: ${c.reason}`).sort();
    assert.match(reasons[0]!, /^cosign-simple-signing: no configured key verifies the signature \(ECDSA P-256\): it was made with another key/);
    assert.match(reasons[1]!, /^sigstore-bundle: signed with a key that is not configured \(its key hint is sha256:/);
  });

  test('cosign with imported P-384, Ed25519 and RSA keys, both formats', async () => {
    for (const k of ['p384', 'ed25519', 'rsa']) {
      sign(k, 'other');
      sign(k, 'other', true);
    }
    for (const [k, type] of [['p384', 'ECDSA P-384'], ['ed25519', 'Ed25519'], ['rsa', 'RSA 2048']] as const) {
      const v = await verify('team/other', { keys: [`${k}.pub`] });
      const mine = v.checks.filter((c) => c.status === 'verified');
      assert.deepEqual(mine.map((c) => c.format).sort(), ['cosign-simple-signing', 'sigstore-bundle'], `${k}: ${v.summary}`);
      assert.ok(mine.every((c) => c.signer?.keyType === type));
    }
  });

  test('a tampered simple-signing payload and a signature moved from another image are refused', async () => {
    // Tampered: the same signature annotation over a payload changed after signing.
    const sigTag = `sha256-${digests['app']!.slice(7)}.sig`;
    const manifest = await getManifest(reg.host, 'team/app', sigTag);
    const layer = (manifest['layers'] as { digest: string; annotations: Record<string, string> }[])[0]!;
    const payload = JSON.parse((await getBlob(reg.host, 'team/app', layer.digest)).toString());
    payload.optional = { note: 'added after signing' };
    const changed = Buffer.from(JSON.stringify(payload));
    const tampered = { ...manifest, layers: [{ ...layer, digest: await pushBlob(reg.host, 'team/app', changed), size: changed.length }] };
    await putManifest(reg.host, 'team/app', sigTag, tampered);
    const t = await verify('team/app', { keys: ['cosign.pub'] });
    const simple = t.checks.find((c) => c.format === 'cosign-simple-signing')!;
    assert.equal(simple.status, 'failed');
    assert.match(simple.reason!, /payload was changed after signing/);

    // Another digest: other's valid .sig manifest copied under bare's .sig tag.
    const otherSig = await getManifest(reg.host, 'team/other', `sha256-${digests['other']!.slice(7)}.sig`);
    for (const l of otherSig['layers'] as { digest: string }[]) await pushBlob(reg.host, 'team/bare', await getBlob(reg.host, 'team/other', l.digest));
    const cfg = (otherSig['config'] as { digest: string }).digest;
    await pushBlob(reg.host, 'team/bare', await getBlob(reg.host, 'team/other', cfg));
    await putManifest(reg.host, 'team/bare', `sha256-${digests['bare']!.slice(7)}.sig`, otherSig);
    const moved = await verify('team/bare', { keys: ['p384.pub'] });
    assert.equal(moved.verified, false);
    const elsewhere = moved.checks.find((c) => c.signer?.keyType === 'ECDSA P-384');
    assert.match(elsewhere?.reason ?? '', new RegExp(`a valid signature for another image: its payload names "${digests['other']}", the image is ${digests['bare']}`));
  });

  test('scan --resolve-images: Kubernetes references that signatures: requires are verified, only when asked', () => {
    const project = join(dir, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.seaworthy.yaml'), `signatures:\n  require:\n    - images: [${reg.host}/team/]\n      keys: [../cosign.pub]\n`);
    const pod = (name: string, image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;
    writeFileSync(join(project, 'pods.yaml'), [pod('signed', `${reg.host}/team/app:v1`), pod('unsigned', `${reg.host}/team/bare:v1`), pod('elsewhere', 'docker.io/library/nginx:1.27')].join('---\n'));
    const scan = (...extra: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', project, '--rule', 'image-not-signed', '--format', 'json', ...extra], { encoding: 'utf8', cwd: project });
    const offline = scan();
    assert.equal(offline.status, 0, offline.stdout + offline.stderr);
    const resolved = scan('--resolve-images', '--tls-verify=false');
    assert.equal(resolved.status, 1, resolved.stderr);
    const findings = (JSON.parse(resolved.stdout) as { findings: { ruleId: string; message: string; location: { startLine: number } }[] }).findings;
    assert.deepEqual(findings.map((f) => f.location.startLine), [17]);
    assert.match(findings[0]!.message, new RegExp(`Image "${reg.host}/team/bare:v1" must be signed, but none of the`));
  });

  describe('notation', () => {
    let config: string;
    const notation = (home: string, ...args: string[]) => {
      const r = spawnSync(signerBinary('notation'), args, { cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`notation ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    before(() => {
      config = join(dir, 'notation-home');
      mkdirSync(config);
      notation(config, 'cert', 'generate-test', '--default', 'seaworthy.test');
      notation(config, 'sign', '--insecure-registry', `${reg.host}/team/notary@${digests['notary']}`);
      notation(config, 'sign', '--signature-format', 'cose', '--insecure-registry', `${reg.host}/team/notary@${digests['notary']}`);
      writeFileSync(join(dir, 'policy.json'), JSON.stringify({ version: '1.0', trustPolicies: [{ name: 'team', registryScopes: [`${reg.host}/team/notary`], signatureVerification: { level: 'strict' }, trustStores: ['ca:seaworthy.test'], trustedIdentities: ['*'] }] }));
    });

    test('valid: verified against the trust store notation made, signer named by its subject', async () => {
      const v = await verify('team/notary', { trustStore: join(config, 'notation'), trustPolicy: 'policy.json' });
      assert.equal(v.verified, true, v.summary);
      for (const format of ['notation-jws', 'notation-cose'] as const) {
        const c = v.checks.find((x) => x.format === format)!;
        assert.equal(c.status, 'verified', `${format}: ${c.reason}`);
        assert.equal(c.found, 'referrers-tag');
        assert.match(c.signer?.subject ?? '', /CN=seaworthy.test/);
        assert.match(c.signer?.trustAnchor ?? '', /^ca:seaworthy.test/);
      }
    });

    test('expired certificate: refused at strict, logged at permissive', async () => {
      const later = new Date(Date.now() + 3 * 365 * 86_400_000);
      const strict = await verify('team/notary', { trustStore: join(config, 'notation'), trustPolicy: 'policy.json' }, later);
      assert.equal(strict.verified, false);
      assert.match(strict.summary, /authenticTimestamp: certificate .*CN=seaworthy.test expired at/);
      writeFileSync(join(dir, 'permissive.json'), JSON.stringify({ version: '1.0', trustPolicies: [{ name: 'team', registryScopes: ['*'], signatureVerification: { level: 'permissive' }, trustStores: ['ca:seaworthy.test'], trustedIdentities: ['*'] }] }));
      const permissive = await verify('team/notary', { trustStore: join(config, 'notation'), trustPolicy: 'permissive.json' }, later);
      assert.equal(permissive.verified, true, permissive.summary);
    });

    test('untrusted CA: another trust store', async () => {
      const elsewhere = join(dir, 'other-home');
      mkdirSync(elsewhere);
      notation(elsewhere, 'cert', 'generate-test', 'someone.else');
      const store = join(dir, 'other-store', 'x509', 'ca', 'seaworthy.test');
      mkdirSync(store, { recursive: true });
      cpSync(join(elsewhere, 'notation', 'truststore', 'x509', 'ca', 'someone.else'), store, { recursive: true });
      const v = await verify('team/notary', { trustStore: join(dir, 'other-store'), trustPolicy: 'policy.json' });
      assert.equal(v.verified, false);
      assert.match(v.summary, /authenticity: the certificate chain .* does not lead to a CA in trust store ca:seaworthy.test: untrusted CA/);
    });

    test('a CA made with openssl: chain leaf → CA verified from a folder of CA certificates; tampered and moved envelopes refused', async () => {
      const pki = join(dir, 'pki');
      mkdirSync(pki);
      writeFileSync(join(pki, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
      run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', join(pki, 'ca.key'), '-out', join(pki, 'ca.crt'), '-days', '30', '-subj', '/C=US/ST=WA/O=seaworthy test/CN=openssl CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
      run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', join(pki, 'leaf.key'), '-out', join(pki, 'leaf.csr'), '-subj', '/C=US/ST=WA/O=seaworthy test/CN=openssl signer']);
      run('openssl', ['x509', '-req', '-in', join(pki, 'leaf.csr'), '-CA', join(pki, 'ca.crt'), '-CAkey', join(pki, 'ca.key'), '-CAcreateserial', '-days', '2', '-extfile', join(pki, 'leaf.ext'), '-out', join(pki, 'leaf.crt')]);
      const { readFileSync } = await import('node:fs');
      writeFileSync(join(pki, 'chain.pem'), readFileSync(join(pki, 'leaf.crt'), 'utf8') + readFileSync(join(pki, 'ca.crt'), 'utf8'));
      const home = join(dir, 'openssl-home');
      mkdirSync(join(home, 'notation'), { recursive: true });
      writeFileSync(join(home, 'notation', 'signingkeys.json'), JSON.stringify({ default: 'openssl', keys: [{ name: 'openssl', keyPath: join(pki, 'leaf.key'), certPath: join(pki, 'chain.pem') }] }));
      notation(home, 'sign', '--insecure-registry', `${reg.host}/team/other@${digests['other']}`);
      const store = join(dir, 'ca-folder');
      mkdirSync(store);
      cpSync(join(pki, 'ca.crt'), join(store, 'ca.crt'));
      const v = await verify('team/other', { trustStore: store });
      const jws = v.checks.find((c) => c.format === 'notation-jws')!;
      assert.equal(jws.status, 'verified', jws.reason);
      assert.match(jws.signer?.subject ?? '', /CN=openssl signer/);
      assert.match(jws.signer?.trustAnchor ?? '', /CN=openssl CA/);
      // the leaf is valid for 2 days
      const expired = await verify('team/other', { trustStore: store }, new Date(Date.now() + 3 * 86_400_000));
      assert.match(expired.checks.find((c) => c.format === 'notation-jws')!.reason!, /authenticTimestamp: certificate C=US, ST=WA, O=seaworthy test, CN=openssl signer expired at/);

      // Tampered: the envelope's payload changed, pushed as one more referrer of the image.
      const tagIndex = `sha256-${digests['other']!.slice(7)}`;
      const index = await getManifest(reg.host, 'team/other', tagIndex);
      const sigDesc = (index['manifests'] as { digest: string; artifactType?: string }[]).find((m) => m.artifactType === 'application/vnd.cncf.notary.signature')!;
      const sigManifest = await getManifest(reg.host, 'team/other', sigDesc.digest);
      const sigLayer = (sigManifest['layers'] as { digest: string; mediaType: string }[])[0]!;
      const envelope = JSON.parse((await getBlob(reg.host, 'team/other', sigLayer.digest)).toString());
      const payload = JSON.parse(Buffer.from(envelope.payload, 'base64url').toString());
      payload.targetArtifact.annotations = { added: 'after signing' };
      const changed = Buffer.from(JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(payload)).toString('base64url') }));
      const cfg = (sigManifest['config'] as { digest: string }).digest;
      const tamperedManifest = { ...sigManifest, layers: [{ ...sigLayer, digest: await pushBlob(reg.host, 'team/other', changed), size: changed.length }] };
      const tamperedDigest = await putManifest(reg.host, 'team/other', 'tampered', tamperedManifest);
      // Moved: other's valid envelope in a manifest whose subject is bare.
      const bareSubject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digests['bare'], size: 1 };
      await pushBlob(reg.host, 'team/bare', await getBlob(reg.host, 'team/other', cfg));
      await pushBlob(reg.host, 'team/bare', await getBlob(reg.host, 'team/other', sigLayer.digest));
      const movedDigest = await putManifest(reg.host, 'team/bare', 'moved', { ...sigManifest, subject: bareSubject });
      const entry = (d: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d, size: 1, artifactType: 'application/vnd.cncf.notary.signature' });
      await putManifest(reg.host, 'team/other', tagIndex, { ...index, manifests: [...(index['manifests'] as object[]), entry(tamperedDigest)] });
      await putManifest(reg.host, 'team/bare', `sha256-${digests['bare']!.slice(7)}`, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [entry(movedDigest)] });
      const t = await verify('team/other', { trustStore: store });
      assert.match(t.checks.find((c) => c.artifact === tamperedDigest)!.reason!, /integrity: the signature does not match the signed content .* changed after signing/);
      const m = await verify('team/bare', { trustStore: store });
      assert.equal(m.verified, false);
      assert.match(m.checks.find((c) => c.artifact === movedDigest)!.reason!, new RegExp(`a valid signature for another image: it names ${digests['other']}, the image is ${digests['bare']}`));
    });

    test('the CLI prints who signed what', () => {
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'image', ref('team/notary'), '--tls-verify=false', '--verify', '--trust-store', join(config, 'notation'), '--trust-policy', join(dir, 'policy.json'), '--rule', 'image-not-signed'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /verified +Notary Project signature \(JWS\) sha256:[0-9a-f]{64}#0 found in the referrers tag schema/);
      assert.match(r.stdout, /signed by certificate ".*CN=seaworthy.test" via ca:seaworthy.test/);
    });
  });
});
