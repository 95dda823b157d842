import fs from 'node:fs';
import console from 'node:console';
import path from 'node:path';
import process from 'node:process';

/**
 * Jest reporter: lists every skipped test by file after the run, so no skip goes unseen, and
 * with KUBELAB_SKIP_REPORT=<file> writes them there as "<file>\t<test>" lines (for .ci/run,
 * which allows only the skips it expects).
 */
export default class SkipReporter {
  /**
   * @param {unknown} _contexts
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((t) => t.status === 'pending' || t.status === 'skipped')
        .map((t) => [path.relative(process.cwd(), file.testFilePath), t.fullName]),
    );
    if (skipped.length > 0) {
      console.log(`\nSkipped tests (${skipped.length}):`);
      for (const [file, name] of skipped) console.log(`  ${file}: ${name}`);
    }
    if (process.env.KUBELAB_SKIP_REPORT)
      fs.writeFileSync(
        process.env.KUBELAB_SKIP_REPORT,
        skipped.map(([file, name]) => `${file}\t${name}\n`).join(''),
      );
  }
}
