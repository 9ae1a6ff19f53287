import { libraryConfig } from '../../config/tsdown.ts';

export default libraryConfig(['src/index.ts', 'src/testing.ts', 'src/conformance.ts', 'src/conformance-provider.ts', 'src/receive.ts']);
