// A closing line CI can read whatever the runner: "95 passed, 0 failed" (", N skipped" when any).
// Vitest's own summary ("Tests 95 passed (95)") is not one of the formats CI recognises.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) count[test.result().state] += 1;
      // A file that failed to load has no tests but must not pass silently.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        count.failed += 1;
      }
    }
    const skipped = count.skipped + count.pending;
    const line = `${count.passed} passed, ${count.failed} failed`;
    console.log(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}`);
  }
}
