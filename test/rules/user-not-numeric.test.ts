import rule from '../../src/rules/user-not-numeric.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'DF', code: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER 10001:app\n', name: 'only the user part is checked by the kubelet' },
    { input: 'DF', code: 'FROM alpine:3.20\nRUN true\n', name: 'no USER at all is run-as-root\'s finding' },
    { input: 'DF', code: 'FROM alpine:3.20\nARG USERNAME\nUSER ${USERNAME}\n', name: 'a variable is unknown' },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER app\nUSER 10001\n', name: 'only the last USER counts' },
  ],
  invalid: [
    { input: 'DF', code: 'FROM alpine:3.20\nUSER app\n', errors: [{ line: 2, column: 6, messageId: 'named', message: /"app".*USER 10001:10001/ }] },
    { input: 'DF', code: 'FROM alpine:3.20\nUSER nobody:nogroup\n', errors: [{ line: 2, column: 6, messageId: 'named', message: /"nobody"/ }] },
    { input: 'DF', code: 'FROM alpine:3.20 AS base\nUSER node\nFROM base\nRUN true\n', name: 'USER inherited through FROM <stage>', errors: [{ line: 2, column: 6, messageId: 'named' }] },
  ],
});
