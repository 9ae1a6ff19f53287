import { mergeConfig } from 'vitest/config';
import { packageTests } from '../../config/vitest.ts';

// Each test starts the real binary several times; on a loaded machine one Node start can take seconds.
export default mergeConfig(packageTests, { test: { testTimeout: 60_000 } });
