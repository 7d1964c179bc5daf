/**
 * Which host paths are dangerous to hand to a container, and why. Paths are
 * compared after normalising (`//`, `.`, `..`, a trailing `/`) and with `/var/run`
 * read as `/run`, which it is a symlink to on every current distribution.
 *
 * A path is sensitive when it is one of the listed places, lies inside one of
 * them, or contains one (mounting `/var` hands over `/var/lib/kubelet`).
 */
import { posix } from 'node:path';

export interface SensitivePath {
  /** The listed place that made the path sensitive (`/var/lib/kubelet`). */
  place: string;
  /** What the place holds, for the message. */
  holds: string;
  /** The mounted path contains the place rather than being in it. */
  contains: boolean;
  /** A container-runtime socket (or a directory holding one). */
  socket: boolean;
}

interface Place {
  /** Segments; `*` matches any one segment. */
  path: string;
  holds: string;
  socket?: boolean;
  /** Only the path itself and its ancestors count, not what lies inside it. */
  exact?: boolean;
  /** Only when mounted writable (read-only access is routine and harmless). */
  writableOnly?: boolean;
}

const RUNTIME_SOCKET = 'the container runtime API, i.e. control of every container and of the host';

// Why each place is here: root of the host (/), host configuration and credentials
// (/etc as a whole and its credential stores, /root, users' key directories),
// kernel interfaces that allow escapes (/proc, /sys, /dev), the boot chain (/boot),
// and the state of the kubelet and container engines (secrets of every pod, every
// image and container filesystem). An application's own directory under /etc or
// /usr (/etc/pihole, /usr/share/app) is none of these: it is judged only as a host
// mount (writable-host-mount), compared path component by path component.
const PLACES: readonly Place[] = [
  { path: '/etc', holds: "the host's whole configuration, its credentials included (/etc/shadow, SSH host keys, kubelet credentials)", exact: true },
  { path: '/etc/shadow', holds: 'the password hashes of host accounts' },
  { path: '/etc/gshadow', holds: 'the password hashes of host groups' },
  { path: '/etc/sudoers', holds: 'who may become root on the host' },
  { path: '/etc/sudoers.d', holds: 'who may become root on the host' },
  { path: '/etc/ssh', holds: "the host's SSH keys and sshd configuration" },
  { path: '/etc/kubernetes', holds: 'the kubelet and control-plane credentials and manifests' },
  { path: '/etc/rancher', holds: 'the k3s/RKE2 cluster credentials' },
  { path: '/etc/docker', holds: "the Docker daemon's configuration and TLS keys" },
  { path: '/etc/ssl/private', holds: "the host's TLS private keys" },
  { path: '/etc/pki/tls/private', holds: "the host's TLS private keys" },
  { path: '/etc/passwd', holds: 'the host accounts, which a writer can add root users to', writableOnly: true },
  { path: '/etc/group', holds: 'the host groups, which a writer can add users to', writableOnly: true },
  { path: '/etc/crontab', holds: 'jobs the host runs as root', writableOnly: true },
  { path: '/etc/cron.d', holds: 'jobs the host runs as root', writableOnly: true },
  { path: '/etc/systemd', holds: 'services the host runs as root', writableOnly: true },
  { path: '/etc/resolv.conf', holds: "the host's DNS resolver settings", writableOnly: true },
  { path: '/etc/hosts', holds: "the host's name table", writableOnly: true },
  { path: '/etc/localtime', holds: "the host's time zone", writableOnly: true },
  { path: '/etc/timezone', holds: "the host's time zone", writableOnly: true },
  { path: '/etc/ssl/certs', holds: 'the certificate authorities the host trusts', writableOnly: true },
  { path: '/etc/pki/ca-trust', holds: 'the certificate authorities the host trusts', writableOnly: true },
  { path: '/etc/ca-certificates', holds: 'the certificate authorities the host trusts', writableOnly: true },
  { path: '/etc/containers', holds: "podman's configuration (registries, policies, default mounts)", writableOnly: true },
  // root's home as a whole holds its keys and startup files; a data folder inside it
  // (a system Quadlet unit's `%h/data`) is routine, as under /home.
  { path: '/root', holds: "root's home (SSH keys, kubeconfig, shell startup files)", exact: true },
  { path: '/root/.ssh', holds: "root's SSH keys" },
  { path: '/root/.kube', holds: "root's Kubernetes credentials" },
  { path: '/root/.docker', holds: "root's registry credentials" },
  { path: '/root/.aws', holds: "root's cloud credentials" },
  { path: '/root/.gnupg', holds: "root's private keys" },
  { path: '/root/.config', holds: "root's application settings and credentials (podman's auth.json, gcloud)" },
  { path: '/root/.bashrc', holds: 'a shell startup file root runs', writableOnly: true },
  { path: '/root/.profile', holds: 'a shell startup file root runs', writableOnly: true },
  { path: '/proc', holds: 'kernel and host process interfaces' },
  { path: '/sys', holds: 'kernel and cgroup interfaces' },
  { path: '/dev', holds: 'host device nodes (disks, memory, consoles)' },
  { path: '/boot', holds: 'the kernel and boot loader' },
  { path: '/var/lib/kubelet', holds: 'the secrets and volumes of every pod on the node' },
  { path: '/var/lib/docker', holds: 'every Docker image, container and volume' },
  { path: '/var/lib/containers', holds: 'every Podman/CRI-O image, container and volume' },
  { path: '/var/lib/containerd', holds: 'every containerd image and container' },
  { path: '/var/lib/etcd', holds: "the cluster's whole state, Secrets included" },
  { path: '/run/containerd', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/crio', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/podman', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/docker', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/docker.sock', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/user/*/podman', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/user/*/docker.sock', holds: RUNTIME_SOCKET, socket: true },
  { path: '/run/k3s', holds: RUNTIME_SOCKET, socket: true },
  // Home directories hold users' keys; a project folder inside one is routine.
  { path: '/home', holds: "every user's home directory", exact: true },
  { path: '/home/*/.ssh', holds: "a user's SSH keys" },
  { path: '/home/*/.kube', holds: "a user's Kubernetes credentials" },
  { path: '/home/*/.docker', holds: "a user's registry credentials" },
  { path: '/home/*/.aws', holds: "a user's cloud credentials" },
  { path: '/home/*/.gnupg', holds: "a user's private keys" },
  // Log shippers read /var/log routinely; writing to it lets a pod plant symlinks
  // that the kubelet follows when serving logs (a known escape to host files).
  { path: '/var/log', holds: 'host logs, which the kubelet follows symlinks in', writableOnly: true },
  // Reading host programs is harmless; replacing them runs code as root on the host.
  { path: '/usr', holds: 'host programs and libraries', writableOnly: true, exact: true },
  { path: '/usr/bin', holds: 'host programs', writableOnly: true },
  { path: '/usr/sbin', holds: 'host programs', writableOnly: true },
  { path: '/usr/lib', holds: 'host libraries', writableOnly: true },
  { path: '/usr/lib64', holds: 'host libraries', writableOnly: true },
  { path: '/usr/libexec', holds: 'host programs', writableOnly: true },
  { path: '/usr/local/bin', holds: 'host programs', writableOnly: true },
  { path: '/usr/local/sbin', holds: 'host programs', writableOnly: true },
  { path: '/usr/local/lib', holds: 'host libraries', writableOnly: true },
  { path: '/bin', holds: 'host programs', writableOnly: true },
  { path: '/sbin', holds: 'host programs', writableOnly: true },
  { path: '/lib', holds: 'host libraries', writableOnly: true },
  { path: '/lib64', holds: 'host libraries', writableOnly: true },
];

/**
 * Device nodes and sockets under /dev that hand over nothing of the host: the
 * syslog socket (`/dev/log`: the container can write log lines, as any local
 * program can) and the character devices every container already has.
 */
const HARMLESS_DEV = new Set(['/dev/log', '/dev/null', '/dev/zero', '/dev/full', '/dev/random', '/dev/urandom', '/dev/tty']);

const BY_DEPTH = [...PLACES].sort((a, b) => segments(b.path).length - segments(a.path).length);

/** Socket file names of container runtimes, wherever they are. */
const SOCKET_NAMES = new Set(['docker.sock', 'podman.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'buildkitd.sock']);

/** Read-only files under /etc that containers commonly and harmlessly borrow. */
const BENIGN_READ_ONLY = new Set(['/etc/localtime', '/etc/timezone', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/etc/machine-id', '/etc/ssl/certs', '/etc/pki/ca-trust', '/etc/ca-certificates']);

/**
 * Normalises an absolute host path; undefined for a relative one (Compose
 * `./data`), which names a project folder, never a system path.
 *
 * @example
 * normaliseHostPath('/var/run//docker.sock/'); // '/run/docker.sock'
 */
export function normaliseHostPath(path: string): string | undefined {
  const trimmed = path.trim();
  if (!trimmed.startsWith('/')) return undefined;
  let p = posix.normalize(trimmed);
  if (p.length > 1) p = p.replace(/\/+$/, '');
  if (p === '/var/run' || p.startsWith('/var/run/')) p = p.slice('/var'.length);
  return p;
}

function segments(p: string): string[] {
  return p.split('/').filter(Boolean);
}

/** `a` is `b` or an ancestor of it, `*` on either side matching any segment. */
function isPrefix(a: string[], b: string[]): boolean {
  return a.length <= b.length && a.every((s, i) => s === '*' || b[i] === '*' || b[i] === s);
}

/**
 * Why a host path is sensitive, or undefined when it is not.
 *
 * @example
 * sensitiveHostPath('/var/run/docker.sock', false); // { place: '/run/docker.sock', socket: true, … }
 */
export function sensitiveHostPath(path: string, readOnly: boolean): SensitivePath | undefined {
  const p = normaliseHostPath(path);
  if (p === undefined) return undefined;
  const base = posix.basename(p);
  if (SOCKET_NAMES.has(base)) return { place: p, holds: RUNTIME_SOCKET, contains: false, socket: true };
  if (p === '/') return { place: '/', holds: "the host's whole filesystem", contains: false, socket: false };
  if (readOnly && [...BENIGN_READ_ONLY].some((b) => p === b || p.startsWith(`${b}/`))) return undefined;
  if (HARMLESS_DEV.has(p)) return undefined;
  const mine = segments(p);
  const applies = PLACES.filter((place) => !(place.writableOnly && readOnly));
  // The path is, or lies inside, a listed place: the deepest one names the reason
  // (/etc/ssh/ssh_host_rsa_key is about SSH keys, not about /etc as a whole).
  for (const place of BY_DEPTH) {
    if (place.writableOnly && readOnly) continue;
    const theirs = segments(place.path);
    if (isPrefix(theirs, mine) && (!place.exact || mine.length === theirs.length)) {
      return { place: place.path, holds: place.holds, contains: false, socket: place.socket === true };
    }
  }
  // The path is an ancestor of a listed place (/var holds /var/lib/kubelet): the first listed one names it.
  for (const place of applies) {
    const theirs = segments(place.path);
    if (mine.length < theirs.length && isPrefix(mine, theirs)) return { place: place.path, holds: place.holds, contains: true, socket: place.socket === true };
  }
  return undefined;
}
