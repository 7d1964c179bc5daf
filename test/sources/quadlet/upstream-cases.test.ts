/**
 * The Quadlet reader against podman's own generator tests (containers/podman
 * test/e2e/quadlet/*): each case below is a minimal unit of our own, modelled on
 * the upstream case named in its title, and asserts that the model seaworthy builds
 * means what the `## assert-podman-args` of that case says the keys become
 * (`User=998`+`Group=999` → `--user 998:999`, `RemapUsers=keep-id`+`RemapUid=200` →
 * `--userns=keep-id:uid=200,gid=210`, `Secret=source=x,type=env` → `--secret
 * source=x,type=env`…), for the keys a RULES.md practice depends on. The upstream
 * files are not copied: the facts they state are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ContainerSpec, Mount, PortSpec } from '../../../src/model/container-spec.js';
import type { Workload } from '../../../src/model/workload.js';
import type { ScanModel } from '../../../src/model/scan-model.js';
import { kubernetesSource } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { quadletSource } from '../../../src/sources/quadlet/quadlet-source.js';
import { setSourceRegistry } from '../../../src/sources/source-lookup.js';
import { scanText } from '../../support/scan-source.js';

setSourceRegistry([quadletSource, kubernetesSource]);

interface Scan {
  c: ContainerSpec | undefined;
  w: Workload | undefined;
  model: ScanModel;
  errors: string[];
  warnings: string[];
}

/** Writes the units into a fresh directory (`sub` below it) and scans `main`. */
function scan(files: Record<string, string>, main: string, sub = 'etc/containers/systemd'): Scan {
  const dir = join(mkdtempSync(join(tmpdir(), 'sw-upstream-')), sub);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const path = join(dir, main);
  const { model, errors, warnings } = scanText(quadletSource, path, readFileSync(path, 'utf8'));
  const w = model.workloads.find((x) => x.file === path);
  return { c: w?.containers[0], w, model, errors: errors.map((e) => `${e.line}:${e.column} ${e.message}`), warnings: warnings.map((e) => e.message) };
}

function unit(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const mountText = (m: Mount): string => {
  const ro = m.readOnly ? (m.readOnly.value ? ' ro' : ' rw') : '';
  const size = m.sizeLimit ? ` size=${m.sizeLimit.value}` : '';
  const opts = m.options?.length ? ` [${m.options.map((o) => o.value).join(',')}]` : '';
  return `${m.kind} ${m.source?.value ?? '-'} -> ${m.target?.value ?? '-'}${ro}${size}${opts}`;
};

const portText = (p: PortSpec): string =>
  `${p.published ? 'publish' : 'expose'} ${p.hostIP?.value ?? '*'}:${p.hostPort ? (p.hostPort.dynamic ? '?' : p.hostPort.value) : '-'}:${p.containerPort ? (p.containerPort.dynamic ? '?' : p.containerPort.value) : '-'}${p.protocol ? `/${p.protocol}` : ''}`;

const img = 'Image=localhost/imagename';

test('basic.container, image.container: no defaults beyond the image (podman 5 adds no --cap-drop, --read-only or --user)', () => {
  const { c, errors } = scan({ 'basic.container': unit('[Container]', img) }, 'basic.container');
  assert.deepEqual(errors, []);
  assert.equal(c?.image?.value, 'localhost/imagename');
  assert.equal(c?.name?.value, 'systemd-basic');
  assert.deepEqual([c?.user, c?.readOnlyRootFilesystem, c?.noNewPrivileges, c?.capDrop.length, c?.capAdd.length], [undefined, undefined, undefined, 0, 0]);
});

test('quotes.container: a quoted Image= and ContainerName= are unquoted as Quadlet reads them', () => {
  const { c, errors, model } = scan({ 'quotes.container': unit('[Container]', 'Image="localhost/imagename"', 'ContainerName="RemoveQuotes"Name"') }, 'quotes.container');
  assert.deepEqual(errors, []);
  assert.equal(c?.image?.value, 'localhost/imagename');
  assert.deepEqual(model.imageRefs.map((r) => r.ref.value), ['localhost/imagename']);
  assert.equal(c?.name?.value, 'RemoveQuotes"Name');
  // The same Lookup reads the keys of the units a container names.
  const named = scan(
    { 'q.container': unit('[Container]', 'Image=q.image', 'Volume=q.volume:/data'), 'q.image': unit('[Image]', 'Image="docker.io/library/nginx:1.27"'), 'q.volume': unit('[Volume]', 'Device="/srv/data"', 'Options="bind"') },
    'q.container',
  );
  assert.deepEqual(named.model.imageRefs.map((r) => r.ref.value), ['docker.io/library/nginx:1.27']);
  assert.deepEqual(named.c?.mounts.map(mountText), ['host /srv/data -> /data']);
});

test('capabilities.container, capabilities2.container: each AddCapability=/DropCapability= word is one capability', () => {
  const add = scan({ 'capabilities.container': unit('[Container]', img, 'AddCapability=CAP_DAC_OVERRIDE CAP_AUDIT_WRITE', 'AddCapability=CAP_IPC_OWNER') }, 'capabilities.container');
  assert.deepEqual(add.c?.capAdd.map((x) => x.value), ['DAC_OVERRIDE', 'AUDIT_WRITE', 'IPC_OWNER']);
  assert.deepEqual(add.c?.capDrop, []);
  const drop = scan({ 'capabilities2.container': unit('[Container]', img, 'DropCapability=CAP_DAC_OVERRIDE CAP_AUDIT_WRITE', 'DropCapability=all') }, 'capabilities2.container');
  assert.deepEqual(drop.c?.capDrop.map((x) => x.value), ['DAC_OVERRIDE', 'AUDIT_WRITE', 'ALL']);
});

test('user.container: User=998 with Group=999 is --user 998:999', () => {
  const { c } = scan({ 'user.container': unit('[Container]', 'Image=imagename', 'User=998', 'Group=999') }, 'user.container');
  assert.deepEqual([c?.user?.value, c?.group?.value], ['998', '999']);
});

test('remap-keep-id2.container: RemapUsers=keep-id, RemapUid=200, RemapGid=210 is --userns=keep-id:uid=200,gid=210 (runs as 200)', () => {
  const { c } = scan({ 'remap-keep-id2.container': unit('[Container]', img, 'RemapUsers=keep-id', 'RemapUid=200', 'RemapGid=210') }, 'remap-keep-id2.container', '.config/containers/systemd');
  assert.equal(c?.user?.value, '200');
});

test('remap-auto.container, noremapuser.container, idmapping.container: auto, no and explicit maps leave the image user (root)', () => {
  for (const [name, key] of [
    ['remap-auto.container', 'RemapUsers=auto'],
    ['noremapuser.container', 'RemapUsers=no'],
    ['idmapping.container', 'UIDMap=0:10000:10'],
    ['userns-auto.container', 'UserNS=auto:size=8192'],
  ] as const) {
    const { c } = scan({ [name]: unit('[Container]', img, key) }, name);
    assert.equal(c?.user, undefined, name);
  }
});

test('readonly.container, readwrite.container, readonly-notmpfs.container: VolatileTmp= adds /tmp only when ReadOnly= is not true', () => {
  const rw = scan({ 'readwrite.container': unit('[Container]', img, 'VolatileTmp=yes', 'ReadOnly=no') }, 'readwrite.container');
  assert.equal(rw.c?.readOnlyRootFilesystem?.value, false);
  assert.deepEqual(rw.c?.mounts.map(mountText), ['tmpfs - -> /tmp rw size=512M [rw,size=512M,mode=1777]']);
  const ro = scan({ 'readonly-notmpfs.container': unit('[Container]', img, 'ReadOnly=yes', 'VolatileTmp=yes') }, 'readonly-notmpfs.container');
  assert.equal(ro.c?.readOnlyRootFilesystem?.value, true);
  assert.deepEqual(ro.c?.mounts, []);
  // readonly-tmpfs.container: ReadOnlyTmpfs= only adds podman's own tmpfs dirs to a read-only root.
  const rot = scan({ 'readonly-tmpfs.container': unit('[Container]', img, 'ReadOnly=yes', 'ReadOnlyTmpfs=yes') }, 'readonly-tmpfs.container');
  assert.equal(rot.c?.readOnlyRootFilesystem?.value, true);
});

test('readonly.container, readwrite.container: boolean keys are true only for 1, yes, true, on (any case), as Quadlet\'s LookupBoolean reads them', () => {
  const values: Record<string, boolean> = { yes: true, YES: true, On: true, '1': true, '"true"': true, no: false, t: false, y: false, enabled: false, '${RO}': false };
  for (const [value, expected] of Object.entries(values)) {
    const { c } = scan({ 'readonly.container': unit('[Container]', img, `ReadOnly=${value}`, `NoNewPrivileges=${value}`, `SecurityLabelDisable=${value}`) }, 'readonly.container');
    assert.deepEqual([c?.readOnlyRootFilesystem?.value, c?.noNewPrivileges?.value, c?.seLinux.disabled?.value, c?.readOnlyRootFilesystem?.dynamic], [expected, expected, expected, undefined], value);
  }
});

test('volume.container: host paths (absolute, relative to the unit), anonymous, named and .volume volumes', () => {
  const { c, errors } = scan(
    {
      'volume.container': unit('[Container]', img, 'Volume=/host/dir:/container/volume', 'Volume=/host/dir2:/container/volume2:Z', 'Volume=./host/dir3:/container/volume3', 'Volume=/container/empty', 'Volume=named:/container/named', 'Volume=quadlet.volume:/container/quadlet'),
      'quadlet.volume': unit('[Volume]'),
    },
    'volume.container',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(c?.mounts.map(mountText), [
    'host /host/dir -> /container/volume',
    'host /host/dir2 -> /container/volume2 [Z]',
    'host ./host/dir3 -> /container/volume3',
    'volume - -> /container/empty',
    'volume named -> /container/named',
    'volume quadlet.volume -> /container/quadlet',
  ]);
});

test('mount.container: Mount= types and options as podman --mount reads them', () => {
  const { c, errors, model } = scan(
    {
      'mount.container': unit(
        '[Container]',
        img,
        'Mount=type=bind,source=/path/on/host,destination=/path/in/container',
        'Mount=type=bind,src=/path/on/host,dst=/path/in/container,relabel=shared,U=true',
        'Mount=type=volume,source=vol1,destination=/path/in/container,ro=true',
        'Mount=type=volume,source=vol1,destination=/path/in/container,ro',
        'Mount=type=tmpfs,tmpfs-size=512M,destination=/path/in/container',
        'Mount=type=image,source=fedora,destination=/fedora-image,rw=true',
        'Mount=type=devpts,destination=/dev/pts',
        'Mount=type=bind,source=./path/on/host,destination=/path/in/container',
      ),
    },
    'mount.container',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(c?.mounts.map(mountText), [
    'host /path/on/host -> /path/in/container',
    'host /path/on/host -> /path/in/container [relabel=shared,U=true]',
    'volume vol1 -> /path/in/container ro [ro=true]',
    'volume vol1 -> /path/in/container ro [ro]',
    'tmpfs - -> /path/in/container size=512M [tmpfs-size=512M]',
    'other fedora -> /fedora-image [rw=true]',
    'other - -> /dev/pts',
    'host ./path/on/host -> /path/in/container',
  ]);
  // `type=image,source=fedora` mounts an image: pulled like the container's own.
  assert.deepEqual(model.imageRefs.map((r) => r.ref.value).sort(), ['fedora', 'localhost/imagename']);
});

test('ports.container: PublishPort= forms (address, empty address, no host port, protocol, ${VAR}); ExposeHostPort= only exposes', () => {
  const { c, errors } = scan(
    {
      'ports.container': unit(
        '[Container]',
        img,
        'ExposeHostPort=1000',
        'ExposeHostPort=2000-3000/udp',
        'PublishPort=127.0.0.1:80:90',
        'PublishPort=0.0.0.0:80:91',
        'PublishPort=:80:92',
        'PublishPort=127.0.0.1::93',
        'PublishPort=::95',
        'PublishPort=80:96',
        'PublishPort=97',
        'PublishPort=127.0.0.1:1234:1234/udp',
        'PublishPort=[::1]:8443:443',
        'PublishPort=${PORT}:${PORT}',
      ),
    },
    'ports.container',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(c?.ports.map(portText), [
    'expose *:-:1000',
    'expose *:-:2000/udp',
    'publish 127.0.0.1:80:90',
    'publish 0.0.0.0:80:91',
    'publish *:80:92',
    'publish 127.0.0.1:-:93',
    'publish *:-:95',
    'publish *:80:96',
    'publish *:-:97',
    'publish 127.0.0.1:1234:1234/udp',
    'publish ::1:8443:443',
    'publish *:?:?',
  ]);
});

test('network.container, network.reuse.container: Network=host and a joined container that uses the host network', () => {
  assert.equal(scan({ 'network.container': unit('[Container]', img, 'Network=host') }, 'network.container').w?.hostNetwork?.value, true);
  const reuse = scan({ 'reuse.container': unit('[Container]', img, 'Network=basic.container'), 'basic.container': unit('[Container]', img, 'Network=host') }, 'reuse.container');
  assert.equal(reuse.w?.hostNetwork?.value, true);
  const own = scan({ 'own.container': unit('[Container]', img, 'Network=basic.network') }, 'own.container');
  assert.equal(own.w?.hostNetwork?.value, false);
});

test('disableselinux.container, seccomp.container: label:disable and seccomp=unconfined', () => {
  const { c } = scan({ 'x.container': unit('[Container]', img, 'SecurityLabelDisable=true', 'SecurityLabelType=spc_t', 'SeccompProfile=unconfined', 'NoNewPrivileges=true') }, 'x.container');
  assert.deepEqual([c?.seLinux.disabled?.value, c?.seLinux.type?.value, c?.seccompProfile?.value, c?.noNewPrivileges?.value], [true, 'spc_t', 'Unconfined', true]);
});

test('unmask.container, mask.container: Unmask= paths (colon lists, all) are unmasked; Mask= unmasks nothing', () => {
  const un = scan({ 'unmask.container': unit('[Container]', img, 'Unmask=/proc/sys/foo:/proc/sys/bar', 'Unmask=all') }, 'unmask.container');
  assert.deepEqual(un.c?.unmasked?.map((x) => x.value), ['/proc/sys/foo', '/proc/sys/bar', 'all']);
  const mask = scan({ 'mask.container': unit('[Container]', img, 'Mask=/proc/sys/foo:/proc/sys/bar') }, 'mask.container');
  assert.equal(mask.c?.unmasked, undefined);
});

test('secrets.container: Secret=name, Secret=source=name,type=env,target=X and a mount secret name the secret "mysecret"', () => {
  const { c } = scan(
    { 'secrets.container': unit('[Container]', img, 'Secret=mysecret', 'Secret=source=mysecret,type=env,target=MYSECRET', 'Secret=source=mysecret,type=mount,uid=1000,gid=1001,mode=777') },
    'secrets.container',
  );
  assert.deepEqual(c?.envFromSecrets.map((x) => x.value), ['mysecret']);
  assert.deepEqual(c?.mounts.map((m) => `${m.kind} ${m.source?.value} -> ${m.target?.value}`), ['secret mysecret -> /run/secrets/mysecret', 'secret mysecret -> /run/secrets/mysecret']);
});

test('env.container: Environment= words with quotes and continuations, a later value replacing an earlier one', () => {
  const { c } = scan({ 'env.container': unit('[Container]', img, 'Environment=FOO1=foo1 "FOO2=foo2 " \\', '                     FOO3=foo3 REPLACE=replace', 'Environment=REPLACE=replaced FOO5') }, 'env.container');
  assert.deepEqual(
    c?.env.map((e) => `${e.name.value}=${e.value?.value ?? '(none)'}`),
    ['FOO1=foo1', 'FOO2=foo2 ', 'FOO3=foo3', 'REPLACE=replace', 'REPLACE=replaced', 'FOO5=(none)'],
  );
});

test('env-file.container: EnvironmentFile= relative to the unit, absolute, and %h read as the home directory', () => {
  const { c, warnings } = scan({ 'env-file.container': unit('[Container]', img, 'EnvironmentFile=rel-1'), 'rel-1': 'API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n' }, 'env-file.container');
  assert.deepEqual(c?.env.map((e) => e.name.value), ['API_TOKEN']);
  assert.deepEqual(warnings, []);
});

test('merged.container, merged-override.container: drop-ins add to a list key; an empty assignment clears it', () => {
  const merged = scan(
    { 'merged.container': unit('[Container]', img, 'Environment=MAIN=mainvalue'), 'merged.container.d/10-first.conf': unit('[Container]', 'Environment=FIRST=value'), 'merged.container.d/20-second.conf': unit('[Container]', 'Environment=SECOND=othervalue') },
    'merged.container',
  );
  assert.deepEqual(merged.c?.env.map((e) => e.name.value), ['MAIN', 'FIRST', 'SECOND']);
  const override = scan(
    { 'merged-override.container': unit('[Container]', img, 'Environment=MAIN=mainvalue'), 'merged-override.container.d/20-second.conf': unit('[Container]', '# Empty previous', 'Environment=', 'Environment=SECOND=othervalue') },
    'merged-override.container',
  );
  assert.deepEqual(override.c?.env.map((e) => e.name.value), ['SECOND']);
});

test('template@instance.container: the template\'s drop-ins and the instance\'s apply; the instance\'s Image= wins; named systemd-%p_%i', () => {
  const { c, model } = scan(
    {
      'template@instance.container': unit('[Container]', img),
      'template@.container.d/10-env.conf': unit('[Container]', 'Environment=FOO=bar'),
      'template@instance.container.d/10-image.conf': unit('[Container]', 'Image=localhost/changed-image'),
    },
    'template@instance.container',
  );
  assert.equal(c?.image?.value, 'localhost/changed-image');
  assert.deepEqual(model.imageRefs.map((r) => r.ref.value), ['localhost/changed-image']);
  assert.deepEqual(c?.env.map((e) => `${e.name.value}=${e.value?.value}`), ['FOO=bar']);
  assert.equal(c?.name?.value, 'systemd-template_instance');
});

test('podmanargs.container, globalargs.container: flags pass through; unknown ones are warnings, the unit is still read', () => {
  const args = scan({ 'podmanargs.container': unit('[Container]', img, 'PodmanArgs="--foo" \\', '  --bar', 'PodmanArgs=--read-only --cap-drop=all') }, 'podmanargs.container');
  assert.deepEqual(args.errors, []);
  assert.equal(args.warnings.length, 2);
  assert.deepEqual([args.c?.readOnlyRootFilesystem?.value, args.c?.capDrop.map((x) => x.value)], [true, ['ALL']]);
  const global = scan({ 'globalargs.container': unit('[Container]', 'Image=image', 'GlobalArgs=--conmon=/usr/bin/somewhere', 'GlobalArgs=--imagestore=/var/lib/somestore --log-level=debug --runtime=runsc') }, 'globalargs.container');
  assert.deepEqual(global.warnings, []);
  assert.equal(global.w?.runtime?.value, 'runsc');
});

test('build.multiple-tags.container, basic.image: Image=x.build is the first ImageTag= (no pull); Image=x.image pulls its Image=', () => {
  const built = scan({ 'b.container': unit('[Container]', 'Image=multiple-tags.build'), 'multiple-tags.build': unit('[Build]', 'ImageTag=localhost/imagename:v1', 'ImageTag=localhost/imagename:v2', 'SetWorkingDirectory=unit') }, 'b.container');
  assert.equal(built.c?.image?.value, 'localhost/imagename:v1');
  assert.deepEqual(built.model.imageRefs, []);
  const pulled = scan({ 'i.container': unit('[Container]', 'Image=basic.image'), 'basic.image': unit('[Image]', 'Image=localhost/imagename') }, 'i.container');
  assert.deepEqual(pulled.model.imageRefs.map((r) => r.ref.value), ['localhost/imagename']);
});

test('volume.pod: a pod\'s Volume= (host paths, %h, named, .volume) is every joining container\'s', () => {
  const { c } = scan(
    {
      'app.container': unit('[Container]', img, 'Pod=volume.pod'),
      'volume.pod': unit('[Pod]', 'Volume=/host/dir:/container/volume', 'Volume=./host/dir3:/container/volume3', 'Volume=named:/container/named', 'Volume=%h/container:/container/volume4'),
    },
    'app.container',
  );
  assert.deepEqual(c?.mounts.map(mountText), ['host /host/dir -> /container/volume', 'host ./host/dir3 -> /container/volume3', 'volume named -> /container/named', 'host /root/container -> /container/volume4']);
});

test('remap-keep-id.pod: [Pod] RemapUsers=keep-id (with RemapUid=) is the pod\'s --userns, so its containers run as that user', () => {
  const { c } = scan({ 'app.container': unit('[Container]', img, 'Pod=remap.pod'), 'remap.pod': unit('[Pod]', 'RemapUsers=keep-id', 'RemapUid=1000') }, 'app.container', '.config/containers/systemd');
  assert.equal(c?.user?.value, '1000');
});

test('ports.kube, network.kube, remap-auto.kube: [Kube] PublishPort= publishes on the played pods; Network= other than host is not the host\'s', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';
  const { model } = scan({ 'ports.kube': unit('[Kube]', 'Yaml="web.yaml"', 'PublishPort=127.0.0.1:80:90', 'PublishPort=:80:92', 'Network=basic', 'RemapUsers=auto'), 'web.yaml': yaml }, 'ports.kube');
  const pod = model.workloads.find((w) => basename(w.file) === 'web.yaml');
  assert.deepEqual(pod?.containers[0]?.ports.map(portText), ['publish 127.0.0.1:80:90', 'publish *:80:92']);
  assert.notEqual(pod?.hostNetwork?.value, true);
  assert.equal(pod?.containers[0]?.user, undefined);
  // remap-keep-id.kube-like: [Kube] RemapUsers=keep-id with RemapUid= is --userns keep-id:uid=N.
  const keep = scan({ 'k.kube': unit('[Kube]', 'Yaml=web.yaml', 'RemapUsers=keep-id', 'RemapUid=200'), 'web.yaml': yaml }, 'k.kube', '.config/containers/systemd');
  assert.equal(keep.model.workloads.find((w) => basename(w.file) === 'web.yaml')?.containers[0]?.user?.value, '200');
});

test('device-bind.volume, device-copy.volume: Device= with Type=bind or Options=bind is that host directory', () => {
  const bind = scan({ 'a.container': unit('[Container]', img, 'Volume=data.volume:/data'), 'data.volume': unit('[Volume]', 'Device=/var/lib/data', 'Type=bind', 'Copy=no') }, 'a.container');
  assert.deepEqual(bind.c?.mounts.map(mountText), ['host /var/lib/data -> /data']);
  // device.volume: a block device with a filesystem type is not a host directory.
  const dev = scan({ 'a.container': unit('[Container]', img, 'Volume=data.volume:/data'), 'data.volume': unit('[Volume]', 'Device=/dev/sdb1', 'Type=ext4') }, 'a.container');
  assert.deepEqual(dev.c?.mounts.map(mountText), ['volume data.volume -> /data']);
});

test('rootfs.container: Rootfs= runs a host directory, no image is pulled', () => {
  const { c, model, errors } = scan({ 'rootfs.container': unit('[Container]', 'Rootfs=/var/lib/foobar') }, 'rootfs.container');
  assert.deepEqual(errors, []);
  assert.equal(c?.image, undefined);
  assert.deepEqual(model.imageRefs, []);
});

test('readwrite-notmpfs.container: VolatileTmp=no adds no /tmp; ReadOnly=no is an explicit writable root', () => {
  const { c } = scan({ 'readwrite-notmpfs.container': unit('[Container]', img, 'VolatileTmp=no', 'ReadOnly=no') }, 'readwrite-notmpfs.container');
  assert.deepEqual([c?.readOnlyRootFilesystem?.value, c?.mounts.length], [false, 0]);
});

test('network.pod: [Pod] Network=host is the host network of the pod and of every container that joins it', () => {
  const { w, model } = scan({ 'app.container': unit('[Container]', img, 'Pod=network.pod'), 'network.pod': unit('[Pod]', 'Network=host') }, 'app.container');
  assert.equal(w?.hostNetwork?.value, true);
  assert.equal(basename(w!.hostNetwork!.loc.file), 'network.pod');
  const pod = scan({ 'network.pod': unit('[Pod]', 'Network=host') }, 'network.pod');
  assert.equal(pod.w?.hostNetwork?.value, true);
  assert.equal(model.workloads.length, 1);
});

test('label.container: Label= words with quotes and continuations are one label each', () => {
  const { w } = scan({ 'label.container': unit('[Container]', 'Image=imagename', 'Label=org.foo.Arg1=arg1 "org.foo.Arg2=arg 2" \\', '  org.foo.Arg3=arg3', '', 'Label=org.foo.Arg0=arg0') }, 'label.container');
  assert.deepEqual(w?.labels, { 'org.foo.Arg1': 'arg1', 'org.foo.Arg2': 'arg 2', 'org.foo.Arg3': 'arg3', 'org.foo.Arg0': 'arg0' });
});

test('podmanargs.pod, podmanargs.kube: PodmanArgs= of a pod or kube unit, the flags a rule judges; pod-only flags pass without a warning', () => {
  const { c, w, warnings, errors } = scan(
    {
      'app.container': unit('[Container]', img, 'Pod=args.pod'),
      'args.pod': unit('[Pod]', 'PodmanArgs=--share=net,ipc --infra-image localhost/infra:1 \\', '  --network=host -p 127.0.0.1:8080:80 -v /srv/data:/data:ro --userns=keep-id:uid=1000'),
    },
    'app.container',
  );
  assert.deepEqual([errors, warnings], [[], []]);
  assert.equal(w?.hostNetwork?.value, true);
  assert.equal(basename(w!.hostNetwork!.loc.file), 'args.pod');
  assert.deepEqual(c?.ports.map(portText), ['publish 127.0.0.1:8080:80']);
  assert.deepEqual(c?.mounts.map(mountText), ['host /srv/data -> /data ro [ro]']);
  assert.equal(c?.user?.value, '1000');
  // The pod unit itself: its network and published ports.
  const pod = scan({ 'args.pod': unit('[Pod]', 'PodmanArgs=--network host --publish 9090:90') }, 'args.pod');
  assert.deepEqual([pod.w?.hostNetwork?.value, pod.w?.ports?.map(portText)], [true, ['publish *:9090:90']]);
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';
  const kube = scan({ 'args.kube': unit('[Kube]', 'Yaml=web.yaml', 'PodmanArgs=--network=host --publish=8443:443 --userns=keep-id:uid=300 --configmap=x.yaml'), 'web.yaml': yaml }, 'args.kube');
  const played = kube.model.workloads.find((x) => basename(x.file) === 'web.yaml');
  assert.deepEqual([kube.warnings, played?.hostNetwork?.value, played?.containers[0]?.ports.map(portText), played?.containers[0]?.user?.value], [[], true, ['publish *:8443:443'], '300']);
});

test('escapes.container, exec-unsupported-escape.container: C escapes decoded in word-split keys; an entry with an unknown escape is dropped, as Quadlet drops it', () => {
  const { c, warnings } = scan(
    {
      'e.container': unit(
        '[Container]',
        img,
        'Mount=type=bind,src=/srv/with\\x20space,dst=/a "type=bind,source=/etc/with\\sspace,target=/b,ro"',
        'Unmask=/proc/\\153core',
        "Mount=type=bind,src=/var/run/docker.sock,dst=/sock 'x\\.y'",
        'Environment=A=1\\t2 "B=x\\"y"',
      ),
    },
    'e.container',
  );
  assert.deepEqual(c?.mounts.map(mountText), ['host /srv/with space -> /a', 'host /etc/with space -> /b ro [ro]']);
  assert.deepEqual(c?.unmasked?.map((u) => u.value), ['/proc/kcore']);
  assert.deepEqual(c?.env.map((e) => `${e.name.value}=${e.value?.value}`), ['A=1\t2', 'B=x"y']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^Mount: unsupported escape \\\.: Quadlet ignores this whole entry/);
});
