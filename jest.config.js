/**
 * ESM + ts-jest (useESM, .js→.ts mapping, --experimental-vm-modules). `npm test` runs six tiers:
 * unit tests beside the code, integration tests against real dependencies, the shipped labs
 * against a simulated cluster, e2e through HTTP, browser tests in Chromium, and real-kind tests
 * (skipped without kind and a node image).
 */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
/**
 * Tiers whose tests and hooks start an app (a freshly migrated database) or talk to Docker: on a
 * loaded 2-core CI machine such a beforeAll took longer than jest's default 5 s. Not a speed
 * assertion: figures are measured by the bench scripts.
 */
const slowHooks = { setupFilesAfterEnv: ['<rootDir>/test/support/slow-hooks.ts'] };

export default {
  reporters: ['default', '<rootDir>/test/support/skip-reporter.mjs'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      ...slowHooks,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
    },
    { ...common, displayName: 'labs', testMatch: ['<rootDir>/test/labs/**/*.labs-spec.ts'] },
    {
      ...common,
      ...slowHooks,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
    {
      ...common,
      displayName: 'real-kind',
      testMatch: ['<rootDir>/test/real-kind/**/*.real-kind-spec.ts'],
    },
  ],
};
