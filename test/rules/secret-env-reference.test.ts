import rule from '../../src/rules/secret-env-reference.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n${container}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef: {name: cfg, key: level}\n      envFrom:\n        - configMapRef: {name: cfg}\n') },
    { input: 'K8S', code: pod('      volumeMounts:\n        - {name: db, mountPath: /run/secrets/db, readOnly: true}\n') },
    { input: 'CMP', code: 'services:\n  db:\n    image: postgres:16\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n', name: 'Compose secrets are files' },
    { input: 'RUN', code: 'podman run --secret db,type=mount -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSecret=db,type=mount\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: pod('      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n      envFrom:\n        - secretRef: {name: all}\n'),
      errors: [
        { line: 9, column: 11, messageId: 'variable', message: /Container "c": environment variable DB_PASSWORD takes its value from secret "db".*secret volume/ },
        { line: 13, column: 29, messageId: 'whole', message: /secret "all"/ },
      ],
    },
    { input: 'RUN', code: 'podman run --secret db,type=env,target=DB_PASSWORD -d nginx:1\n', errors: [{ line: 1, column: 21, message: /secret "db".*--secret NAME,type=mount/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSecret=db,type=env,target=DB_PASSWORD\n', errors: [{ line: 3, column: 8, message: /secret "db".*Secret=NAME,type=mount/ }] },
  ],
});
