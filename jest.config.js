/**
 * ESM + ts-jest (useESM, .js→.ts mapping, --experimental-vm-modules). `npm test` runs five tiers:
 * unit tests beside the code, integration tests against real dependencies, the shipped labs
 * against a simulated cluster, e2e through HTTP, browser tests in Chromium.
 */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  reporters: ['default', '<rootDir>/test/support/skip-reporter.mjs'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
    },
    { ...common, displayName: 'labs', testMatch: ['<rootDir>/test/labs/**/*.labs-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
