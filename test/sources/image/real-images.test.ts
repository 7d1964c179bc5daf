/**
 * Real images built by buildah, read through every local transport: the guides'
 * insecure Containerfile must yield secret-file-in-image naming the layer that
 * still holds secret.txt; its multi-stage fix must yield none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeImage } from '../../../src/sources/image/analyze-image.js';
import { runRules } from '../../../src/engine/run-rules.js';
import { rules } from '../../../src/rules/index.js';
import { needPrograms } from '../../support/prerequisites.js';
import { createImageBuilds, type BuiltImages } from '../../support/image-builds.js';
import { noSettings } from '../../support/rule-settings.js';
import { runImageScan } from '../../../src/scan/run-image-scan.js';
import { sources } from '../../../src/sources/index.js';
import { join } from 'node:path';
import { repoRoot } from '../../support/prerequisites.js';

// Active once the Containerfile source is registered (it lives on another branch until merged).
const noDockerfileSource = sources.some((s) => s.input === 'DF') ? undefined : 'no Containerfile source registered yet';

const skip = needPrograms('buildah', 'skopeo', 'busybox');

describe('real images', { skip }, () => {
  let images: BuiltImages;
  const refs: Record<string, string> = {};

  before(() => {
    images = createImageBuilds();
    images.build('insecure');
    images.build('multi-stage');
    for (const name of ['insecure', 'multi-stage']) {
      for (const t of ['oci', 'oci-archive', 'docker-archive'] as const) refs[`${name}/${t}`] = images.export(name, t);
    }
    refs['insecure/oci-zstd'] = images.export('insecure', 'oci', { zstd: true });
  });
  after(() => images?.cleanup());

  for (const transport of ['oci', 'oci-archive', 'docker-archive', 'oci-zstd']) {
    test(`insecure image via ${transport}: the deleted secret's layer is reported`, async () => {
      const ref = refs[`insecure/${transport}`]!;
      const { model, errors } = await analyzeImage(ref);
      assert.deepEqual(errors, []);
      const image = model.images[0]!;
      assert.equal(image.layers.length, 4);
      const findings = runRules(model, { rules, settings: noSettings });
      const secret = findings.filter((f) => f.ruleId === 'secret-file-in-image');
      assert.equal(secret.length, 1, JSON.stringify(secret));
      const holder = image.layers[2]!;
      assert.equal(secret[0]!.resource?.layer, holder.digest);
      assert.equal(secret[0]!.resource?.path, '/app/secret.txt');
      assert.equal(secret[0]!.resource?.image, ref);
      assert.match(secret[0]!.message, /layer 2 \(sha256:[a-f0-9]{64}\) holds secret-like file \/app\/secret\.txt/);
      assert.match(secret[0]!.message, /PEM private key/);
      assert.match(secret[0]!.message, /COPY .* in \/app\/secret\.txt/);
      assert.match(secret[0]!.message, /Layer 3 deletes it, but the layer still holds it/);
      assert.deepEqual(secret[0]!.location, { file: ref, startLine: 1, startColumn: 1, endLine: 1, endColumn: ref.length + 1 });

      const arg = findings.filter((f) => f.ruleId === 'secret-in-build-arg');
      assert.equal(arg.length, 1);
      assert.match(arg[0]!.message, /API_TOKEN/);
      assert.doesNotMatch(JSON.stringify(findings), /tok-insecure-example/);

      // /bin/sh is a symlink to busybox: one shell, one finding that names the link.
      const shells = findings.filter((f) => f.ruleId === 'shell-in-image');
      assert.deepEqual(shells.map((f) => f.resource?.path), ['/bin/busybox']);
      assert.match(shells[0]!.message, /\/bin\/busybox \(busybox; also as \/bin\/sh\)/);
      const setuid = findings.filter((f) => f.ruleId === 'setuid-binary');
      assert.deepEqual(setuid.map((f) => f.resource?.path), ['/bin/busybox']);
      assert.equal(setuid[0]!.resource?.layer, image.layers[3]!.digest);
      assert.equal(findings.filter((f) => f.ruleId === 'package-manager-in-image').length, 0);

      // The config as a container, for the shared rules.
      const container = model.workloads[0]!.containers[0]!;
      assert.equal(model.workloads[0]!.kind, 'Image');
      assert.equal(container.user, undefined);
      assert.deepEqual(container.env.map((e) => e.name.value), ['PATH', 'DB_PASSWORD']);
      assert.equal(container.env[1]!.value?.value, 'hunter2-example');
      assert.equal(container.ports[0]!.containerPort?.value, 8080);
    });
  }

  test('docker-archive names the image for registry rules', async () => {
    const { model } = await analyzeImage(refs['insecure/docker-archive']!);
    assert.deepEqual(model.imageRefs.map((r) => [r.ref.value, r.role, r.input]), [['localhost/insecure:test', 'container', 'IMG']]);
  });

  for (const transport of ['oci', 'oci-archive', 'docker-archive']) {
    test(`multi-stage fix via ${transport}: no image findings`, async () => {
      const { model, errors } = await analyzeImage(refs[`multi-stage/${transport}`]!);
      assert.deepEqual(errors, []);
      const findings = runRules(model, { rules, settings: noSettings });
      assert.deepEqual(findings.map((f) => f.ruleId), []);
      assert.equal(model.workloads[0]!.containers[0]!.user?.value, '10001:10001');
    });
  }

  test('--containerfile links the secret layer to its COPY line', { skip: noDockerfileSource }, async () => {
    const containerfile = join(repoRoot, 'test/fixtures/images/insecure/Containerfile');
    const { result } = await runImageScan(refs['insecure/oci']!, { containerfile });
    const secret = result.findings.find((f) => f.ruleId === 'secret-file-in-image' && f.location.file === refs['insecure/oci']);
    assert.equal(secret?.related?.[0]?.location.file, containerfile);
    assert.equal(secret?.related?.[0]?.location.startLine, 9);
  });

  test('an unknown tag names the tags there are', async () => {
    const ref = refs['insecure/oci']!.replace(/:test$/, ':nope');
    const { errors } = await analyzeImage(ref);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /no image tagged "nope" \(tags: test\)/);
  });
});
