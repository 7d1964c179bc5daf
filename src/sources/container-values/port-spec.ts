/**
 * The short port syntax shared by `-p`, Quadlet `PublishPort=` and Compose `ports`:
 * `[[hostIP:][hostPort]:]containerPort[/protocol]`, IPv6 addresses in brackets,
 * ranges (`8000-8010:80-90`, the first port is kept).
 */
import { located, type Located } from '../../model/location.js';
import type { PortSpec } from '../../model/container-spec.js';
import { toLocated, type TextSpan } from './text-span.js';

/**
 * Reads one published port.
 *
 * @example
 * parsePortSpec(span('127.0.0.1:8080:80/tcp'))
 * // { hostIP: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }
 */
export function parsePortSpec(span: TextSpan): PortSpec {
  const port: PortSpec = { loc: span.loc };
  let text = span.value;
  const slash = text.lastIndexOf('/');
  if (slash !== -1 && !text.slice(slash).includes(':')) {
    port.protocol = text.slice(slash + 1).toLowerCase();
    text = text.slice(0, slash);
  }
  let offset = 0;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close !== -1) {
      port.hostIP = toLocated(span.sub(1, close));
      offset = close + 1;
      if (text[offset] === ':') offset++;
    }
  }
  const rest = text.slice(offset);
  const parts = rest.split(':');
  const at = (index: number): TextSpan => {
    let from = offset;
    for (let k = 0; k < index; k++) from += parts[k]!.length + 1;
    return span.sub(from, from + parts[index]!.length);
  };
  if (parts.length >= 3) {
    // `ip:host:container`; an unbracketed IPv6 address keeps its colons in the IP.
    const hostIndex = parts.length - 2;
    const ipEnd = offset + parts.slice(0, hostIndex).join(':').length;
    if (ipEnd > offset) port.hostIP = toLocated(span.sub(offset, ipEnd));
    setPort(port, 'hostPort', at(hostIndex));
    setPort(port, 'containerPort', at(parts.length - 1));
  } else if (parts.length === 2) {
    setPort(port, 'hostPort', at(0));
    setPort(port, 'containerPort', at(1));
  } else {
    setPort(port, 'containerPort', at(0));
  }
  return port;
}

function setPort(port: PortSpec, key: 'hostPort' | 'containerPort', span: TextSpan): void {
  if (span.value === '') return;
  const value = portNumber(span);
  if (value) port[key] = value;
}

/** The first port of `8080` or `8000-8010`; a variable is kept as an unknown 0. */
export function portNumber(span: TextSpan): Located<number> | undefined {
  const match = /^(\d+)(?:-\d+)?$/.exec(span.value);
  if (match) return located(Number(match[1]), span.loc);
  if (span.dynamic) return located(0, span.loc, true);
  return undefined;
}
