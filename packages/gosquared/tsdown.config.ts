import { libraryConfig } from '../../config/tsdown.ts';

export default libraryConfig(['src/index.ts', 'src/testing.ts', 'src/receive.ts']);
