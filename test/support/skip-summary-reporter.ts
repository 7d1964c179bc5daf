/**
 * A node:test reporter that names every skip at the end of the run. Node's own
 * summary counts skipped tests but drops a skipped `describe` (and the tests in it)
 * from the totals, so outside CI a suite skipped for a missing tool would vanish.
 * `npm test` runs it beside the TAP reporter; it prints TAP comments only.
 */
interface TestEvent {
  type: string;
  data: { name?: string; skip?: string | boolean; file?: string; nesting?: number };
}

export default async function* skipSummary(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const skipped: string[] = [];
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.skip !== undefined && event.data.skip !== false) {
      const reason = typeof event.data.skip === 'string' ? event.data.skip : 'skipped';
      const where = event.data.file ? ` (${event.data.file.replace(/^.*\/dist\//, 'dist/')})` : '';
      skipped.push(`# - ${event.data.name ?? '?'}${where}: ${reason}`);
    }
  }
  if (skipped.length) yield `# skipped, suites included: ${skipped.length}\n${skipped.join('\n')}\n`;
}
