import { jest } from '@jest/globals';

// jest.config.js: tests and hooks of the e2e and integration tiers get 30 s (a per-project
// `testTimeout` is not honoured; jest reads it from the global config only).
jest.setTimeout(30_000);
