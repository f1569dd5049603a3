// Prints the run's totals as one plain line, `N passed, N failed[, N skipped]`, after Jest's own summary.
// CI reads that line; a suite that failed to load counts as a failure even though it ran no test.
class TotalsReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = TotalsReporter;
