/**
 * The conformance suite every provider package runs with its own client: the whole fault
 * matrix F1–F28 of `reliability.md` and the common bad-input cases, against a local fault
 * server and a second origin. Needs vitest and Node.
 *
 * @module
 */
export { badBaseUrls, badIds } from './conformance/cases.js';
export { testProvider } from './conformance/suite.js';
export type {
  BadInputCase,
  BadSettingsCase,
  ConformanceOperation,
  ConformanceSettings,
  ConformanceTarget,
  ServiceErrorCase,
} from './conformance/types.js';
