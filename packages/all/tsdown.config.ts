import { libraryConfig } from '../../config/tsdown.ts';

export default libraryConfig(['src/index.ts', 'src/receive.ts', 'src/testing.ts']);
