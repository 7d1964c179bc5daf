/** The object printer lives with the Kubernetes source, which `cluster` shares; re-exported for the webhook. */
export { fieldPath, objectText, objectTree, ownerPointer, type ObjectText, type ObjectTree } from '../sources/kubernetes/object-text.js';
