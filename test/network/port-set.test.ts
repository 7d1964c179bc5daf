import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNamed, addRange, allPorts, emptyPorts, formatPorts, hasPort, intersectPorts, isEmptyPorts, portEntries } from '../../src/network/port-set.js';

test('ranges merge and intersect', () => {
  const a = emptyPorts();
  addRange(a, 'TCP', 80, 80);
  addRange(a, 'TCP', 8000, 8080);
  addRange(a, 'TCP', 81, 81);
  addRange(a, 'TCP', 8081, 9000);
  addRange(a, 'UDP', 53, 53);
  assert.deepEqual(a.ranges.TCP, [[80, 81], [8000, 9000]]);
  assert.equal(formatPorts(a), 'TCP 80-81,8000-9000; UDP 53');
  const b = emptyPorts();
  addRange(b, 'TCP', 81, 8500);
  const both = intersectPorts(a, b);
  assert.deepEqual(both.ranges.TCP, [[81, 81], [8000, 8500]]);
  assert.equal(hasPort(both, 'TCP', 8500), true);
  assert.equal(hasPort(both, 'UDP', 53), false);
  assert.equal(formatPorts(allPorts()), 'all ports');
  assert.equal(isEmptyPorts(intersectPorts(a, emptyPorts())), true);
  const named = emptyPorts();
  addNamed(named, 'TCP', 'http');
  assert.deepEqual(portEntries(named), [{ protocol: 'TCP', name: 'http' }]);
  assert.deepEqual(intersectPorts(named, allPorts()).named, [{ protocol: 'TCP', name: 'http' }]);
  assert.deepEqual(portEntries(a), [{ protocol: 'TCP', port: 80, endPort: 81 }, { protocol: 'TCP', port: 8000, endPort: 9000 }, { protocol: 'UDP', port: 53 }]);
});
