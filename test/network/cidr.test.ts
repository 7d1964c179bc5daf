import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContainsCidr, cidrContainsIp, formatCidr, formatIp, ipBlockAdmits, parseCidr, parseIp } from '../../src/network/cidr.js';

test('parses and formats IPv4 and IPv6 addresses', () => {
  const cases: [string, string | undefined][] = [
    ['10.0.0.1', '10.0.0.1'],
    ['255.255.255.255', '255.255.255.255'],
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::8cb6:aff8:8dc9:f511', 'fe80::8cb6:aff8:8dc9:f511'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['fe80::1%eth0', 'fe80::1'],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['12345::', undefined],
  ];
  for (const [text, want] of cases) {
    const ip = parseIp(text);
    assert.equal(ip ? formatIp(ip) : undefined, want, text);
  }
});

test('CIDRs clear host bits and contain what they should', () => {
  assert.equal(formatCidr(parseCidr('fe80::8cb6:aff8:8dc9:f511/64')!), 'fe80::/64');
  assert.equal(formatCidr(parseCidr('10.43.7.1/16')!), '10.43.0.0/16');
  assert.equal(formatCidr(parseCidr('169.254.169.254')!), '169.254.169.254/32');
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('::/129'), undefined);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
  const all4 = parseCidr('0.0.0.0/0')!;
  const all6 = parseCidr('::/0')!;
  assert.ok(cidrContainsIp(all4, parseIp('169.254.169.254')!));
  assert.ok(!cidrContainsIp(all4, parseIp('::1')!), 'families never mix');
  assert.ok(!cidrContainsIp(all6, parseIp('10.0.0.1')!));
  assert.ok(cidrContainsIp(all6, parseIp('2001:db8::1')!));
  assert.ok(cidrContainsCidr(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!));
  assert.ok(!cidrContainsCidr(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!));
  assert.ok(cidrContainsIp(parseCidr('10.0.0.0/8')!, parseIp('10.255.255.255')!));
  assert.ok(!cidrContainsIp(parseCidr('10.0.0.0/8')!, parseIp('11.0.0.0')!));
});

test('ipBlock except carves holes, in both families', () => {
  const v4 = { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8'] };
  assert.equal(ipBlockAdmits(v4, parseIp('8.8.8.8')!), true);
  assert.equal(ipBlockAdmits(v4, parseIp('169.254.169.254')!), false);
  assert.equal(ipBlockAdmits(v4, parseIp('169.254.169.253')!), true);
  assert.equal(ipBlockAdmits(v4, parseIp('10.9.9.9')!), false);
  const v6 = { cidr: '2001:db8::/32', except: ['2001:db8:ffff::/48'] };
  assert.equal(ipBlockAdmits(v6, parseIp('2001:db8::1')!), true);
  assert.equal(ipBlockAdmits(v6, parseIp('2001:db8:ffff::1')!), false);
  assert.equal(ipBlockAdmits(v6, parseIp('2001:db9::1')!), false);
  assert.equal(ipBlockAdmits({ cidr: 'nonsense', except: [] }, parseIp('1.1.1.1')!), false);
});
