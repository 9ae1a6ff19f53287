/** The test setup every package shares: its tests, a JSON report for the CI summary, type tests. */
export declare const packageTests: import('vite').UserConfig;
