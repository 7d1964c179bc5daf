import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normaliseHostPath, sensitiveHostPath } from '../../../src/rules/support/host-paths.js';

test('normaliseHostPath collapses slashes, dots and /var/run', () => {
  assert.equal(normaliseHostPath('/var/run//docker.sock/'), '/run/docker.sock');
  assert.equal(normaliseHostPath('/srv/app/../../etc/'), '/etc');
  assert.equal(normaliseHostPath('/'), '/');
  assert.equal(normaliseHostPath('./data'), undefined);
  assert.equal(normaliseHostPath('data'), undefined);
});

test('runtime sockets anywhere, and the directories that hold them', () => {
  for (const p of ['/var/run/docker.sock', '/run/podman/podman.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/user/1000/podman/podman.sock', '/home/me/.docker/run/docker.sock']) {
    assert.equal(sensitiveHostPath(p, true)?.socket, true, p);
  }
  for (const p of ['/var/run', '/run', '/run/containerd', '/run/user/1000', '/run/user']) {
    const hit = sensitiveHostPath(p, true);
    assert.equal(hit?.socket, true, p);
  }
  assert.equal(sensitiveHostPath('/run', true)?.contains, true);
});

test('system paths, inside them and above them', () => {
  for (const p of ['/', '/etc', '/etc/', '/etc/kubernetes/pki', '/proc', '/proc/1/root', '/sys/fs/cgroup', '/dev', '/dev/mem', '/boot', '/root', '/root/.ssh', '/root/.kube/config', '/var/lib/kubelet/pods', '/var/lib/docker', '/var/lib/containers/storage', '/var', '/var/lib', '/home']) {
    assert.ok(sensitiveHostPath(p, true), p);
  }
  assert.equal(sensitiveHostPath('/var', true)?.contains, true);
  assert.equal(sensitiveHostPath('/etc/shadow', true)?.contains, false);
});

test('routine paths are not sensitive', () => {
  for (const p of ['/srv/data', '/home/me/project', '/root/data', '/root/app/config', '/opt/app', '/mnt/data', '/data', '/tmp', '/var/lib/postgresql/data', './etc']) {
    assert.equal(sensitiveHostPath(p, false), undefined, p);
  }
});

test('some paths are sensitive only when writable', () => {
  for (const p of ['/var/log', '/var/log/pods', '/usr', '/usr/local/bin', '/lib/modules']) {
    assert.equal(sensitiveHostPath(p, true), undefined, `${p} read-only`);
    assert.ok(sensitiveHostPath(p, false), `${p} writable`);
  }
  for (const p of ['/etc/localtime', '/etc/ssl/certs', '/etc/resolv.conf']) {
    assert.equal(sensitiveHostPath(p, true), undefined, `${p} read-only`);
    assert.ok(sensitiveHostPath(p, false), `${p} writable`);
  }
});

test('by meaning: an application directory under /etc or /usr is not sensitive; each sensitive place says why', () => {
  for (const p of ['/etc/pihole', '/etc/nginx/conf.d', '/etc/letsencrypt-app', '/usr/share/appdata/x', '/usr/share/nginx/html', '/dev/log', '/dev/null', '/home/*/projects', '/etcetera', '/var/lib/kubelet-backup']) {
    assert.equal(sensitiveHostPath(p, false), undefined, p);
  }
  const why = (p: string, readOnly = true): string => {
    const hit = sensitiveHostPath(p, readOnly);
    return hit ? `${hit.place}${hit.contains ? ' (contains)' : ''}: ${hit.holds}` : 'none';
  };
  assert.equal(why('/etc'), "/etc: the host's whole configuration, its credentials included (/etc/shadow, SSH host keys, kubelet credentials)");
  assert.equal(why('/etc/ssh/ssh_host_ed25519_key'), "/etc/ssh: the host's SSH keys and sshd configuration");
  assert.equal(why('/etc/kubernetes/admin.conf'), '/etc/kubernetes: the kubelet and control-plane credentials and manifests');
  assert.equal(why('/etc/passwd'), 'none');
  assert.equal(why('/etc/passwd', false), '/etc/passwd: the host accounts, which a writer can add root users to');
  assert.equal(why('/dev/sda'), '/dev: host device nodes (disks, memory, consoles)');
  assert.equal(why('/var'), '/var/lib/kubelet (contains): the secrets and volumes of every pod on the node');
  assert.equal(why('/home/*/.ssh'), "/home/*/.ssh: a user's SSH keys");
  assert.equal(why('/home/*'), "/home/*/.ssh (contains): a user's SSH keys");
  assert.equal(why('/home/alice/.kube/config'), "/home/*/.kube: a user's Kubernetes credentials");
  assert.equal(why('/usr/local'), 'none');
  assert.equal(why('/usr/local', false), '/usr/local/bin (contains): host programs');
});

test('spelling a path differently never changes the verdict', () => {
  const places = ['/', '/etc', '/etc/shadow', '/proc/1', '/var/run/docker.sock', '/run/containerd', '/var/lib/kubelet', '/var', '/srv/data', '/home/me/app', '/var/log', '/usr/local'];
  // Doubled slashes, `.` segments, a detour through `x/..`, a trailing slash.
  const respell = fc.tuple(fc.constantFrom(...places), fc.array(fc.constantFrom('//', '/./', '/x/../'), { maxLength: 3 }), fc.boolean());
  fc.assert(
    fc.property(respell, fc.boolean(), ([place, noise, trailing], readOnly) => {
      let spelled = place;
      for (const n of noise) spelled = spelled === '/' ? `${n}` : spelled.replace(/\/(?=[^/]*$)/, n);
      if (trailing && spelled !== '/') spelled += '/';
      assert.deepEqual(sensitiveHostPath(spelled, readOnly), sensitiveHostPath(place, readOnly), `${spelled} vs ${place}`);
    }),
    { numRuns: 300 },
  );
});
