/**
 * Unit tests need nothing; integration tests share one embedded Neo4j started by the global set-up; browser tests
 * drive Chromium against the built page.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests start JVMs and wait for Neo4j: seconds each on a busy 2-core machine.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/neo4j.global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/neo4j.global-teardown.ts',
    },
    {
      // The explorer page (dist/web, from `npm run build`) in Chromium (test/helpers/chromium.binary.ts), on a Neo4j of its own.
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
