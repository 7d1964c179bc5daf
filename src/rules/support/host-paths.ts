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
// (/etc, /root), kernel interfaces that allow escapes (/proc, /sys, /dev), the boot
// chain (/boot), and the state of the kubelet and container engines (secrets of
// every pod, every image and container filesystem).
const PLACES: readonly Place[] = [
  { path: '/etc', holds: 'host configuration and credentials (shadow, kubelet and SSH keys)' },
  { path: '/root', holds: "root's home (SSH keys, kubeconfig, shell startup files)" },
  { path: '/proc', holds: 'kernel and host process interfaces' },
  { path: '/sys', holds: 'kernel and cgroup interfaces' },
  { path: '/dev', holds: 'host devices' },
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
  // Log shippers read /var/log routinely; writing to it lets a pod plant symlinks
  // that the kubelet follows when serving logs (a known escape to host files).
  { path: '/var/log', holds: 'host logs, which the kubelet follows symlinks in', writableOnly: true },
  // Reading host programs is harmless; replacing them runs code as root on the host.
  { path: '/usr', holds: 'host programs and libraries', writableOnly: true },
  { path: '/bin', holds: 'host programs', writableOnly: true },
  { path: '/sbin', holds: 'host programs', writableOnly: true },
  { path: '/lib', holds: 'host libraries', writableOnly: true },
  { path: '/lib64', holds: 'host libraries', writableOnly: true },
];

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
  const mine = segments(p);
  for (const place of PLACES) {
    if (place.writableOnly && readOnly) continue;
    const theirs = segments(place.path);
    const inside = isPrefix(theirs, mine);
    const contains = isPrefix(mine, theirs);
    if ((inside && (!place.exact || mine.length === theirs.length)) || contains) {
      return { place: place.path, holds: place.holds, contains: contains && mine.length < theirs.length, socket: place.socket === true };
    }
  }
  return undefined;
}
