import rule from '../../src/rules/image-pull-policy-not-always.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n${container}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      image: x:1\n      imagePullPolicy: Always\n') },
    { input: 'K8S', code: pod('      image: x\n'), name: 'no tag defaults to Always' },
    { input: 'K8S', code: pod('      image: x:latest\n'), name: 'latest defaults to Always' },
    { input: 'K8S', code: pod('      image: x:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000\n'), name: 'the tag decides: latest with a digest is still Always' },
  ],
  invalid: [
    { input: 'K8S', code: pod('      image: x:1\n'), errors: [{ line: 7, column: 14, messageId: 'defaulted', message: /"c".*IfNotPresent/ }] },
    { input: 'K8S', code: pod('      image: x:latest\n      imagePullPolicy: IfNotPresent\n'), errors: [{ line: 8, column: 24, messageId: 'written' }] },
    { input: 'K8S', code: pod('      image: x:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000\n'), name: 'a pinned tag with a digest defaults to IfNotPresent', errors: [{ line: 7, column: 14, messageId: 'defaulted' }] },
    { input: 'K8S', code: pod('      image: x@sha256:0000000000000000000000000000000000000000000000000000000000000000\n'), name: 'a digest defaults to IfNotPresent', errors: [{ line: 7, column: 14, messageId: 'defaulted' }] },
  ],
});
