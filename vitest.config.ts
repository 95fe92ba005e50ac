import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{interpreter,stdlib,engine,conformance,bin,test}/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
