/**
 * Rules about suppressions themselves. The engine (applySuppressions), not a
 * `check`, raises their findings; they are in the catalogue so that
 * `seaworthy rules` and docs/rules.md list them and configuration can set their
 * severity or switch them off like any other rule.
 */
import { INPUT_KINDS } from '../model/input-kind.js';
import { defineRule, type RuleDefinition } from '../rules/rule.js';

const noCheck = (): void => {};

export const unusedSuppression = defineRule({
  id: 'unused-suppression',
  title: 'Suppression that suppresses nothing',
  severity: 'low',
  inputs: INPUT_KINDS,
  rationale:
    'A suppression that matches no finding is a leftover or a typo: a misspelled rule id or a comment one line off silences nothing today and hides the reader\'s view of what is really checked.',
  remedy: 'Remove the comment, annotation or exception, or correct its rule id, position or scope.',
  references: [],
  messages: {
    comment: '`seaworthy-ignore` for {{ruleId}} suppresses nothing on the next line.',
    fileComment: '`seaworthy-ignore-file` for {{ruleId}} suppresses nothing in this file.',
    annotation: 'The `seaworthy.io/ignore` annotation for {{ruleId}} suppresses nothing on {{resource}}.',
    exception: 'The configuration exception for {{ruleId}} suppresses nothing.',
    unknownRule: '{{ruleId}} is not a rule id, so this suppression suppresses nothing.',
  },
  check: noCheck,
});

export const suppressionWithoutReason = defineRule({
  id: 'suppression-without-reason',
  title: 'Suppression without a reason',
  severity: 'medium',
  inputs: INPUT_KINDS,
  rationale:
    'An accepted risk needs its reason written next to it, so that the next reviewer can tell a deliberate decision from a shortcut and knows when it stops holding.',
  remedy: 'Add the reason after `--`: `# seaworthy-ignore run-as-root -- the init step needs root to chown the volume`.',
  references: [],
  messages: {
    missing: 'This suppression of {{ruleIds}} gives no reason (expected `<rule-id>[,<rule-id>] -- <reason>`).',
    noRules: 'This suppression names no rule id (expected `<rule-id>[,<rule-id>] -- <reason>`).',
  },
  check: noCheck,
});

export const expiredException = defineRule({
  id: 'expired-exception',
  title: 'Expired configuration exception',
  severity: 'medium',
  inputs: INPUT_KINDS,
  rationale:
    'An exception with an expiry date was granted for a limited time; once it has passed the exception no longer applies, and the findings it covered are reported again.',
  remedy: 'Fix what the exception covered and remove it, or renew it with a new `expires` date and an up-to-date reason.',
  references: [],
  messages: {
    expired: 'The exception for {{ruleIds}} expired on {{expires}}; it no longer suppresses anything.',
  },
  check: noCheck,
});

/** Every meta-rule, sorted by id. */
export const metaRules: readonly RuleDefinition[] = [expiredException, suppressionWithoutReason, unusedSuppression];

export const META_RULE_IDS: readonly string[] = metaRules.map((r) => r.id);
