/**
 * jest setupFiles: keeps the test output to what a person reads.
 *
 * The property-based tests feed generated YAML with collection keys (`{ .x }: 1`) to the component and Helmfile
 * readers; the `yaml` library then emits a Node warning per document ("Keys with collection values will be
 * stringified ..."), hundreds per run. Only that warning is dropped; every other warning still prints.
 */
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: any[]) => {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.startsWith('Keys with collection values will be stringified')) return;
  return (emitWarning as any)(warning, ...rest);
}) as typeof process.emitWarning;
