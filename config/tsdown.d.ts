import { type UserConfig } from 'tsdown';
/** The build every published package shares: ESM with declarations, runtime-neutral, Node-only imports left external. */
export declare function libraryConfig(entry: string[]): UserConfig;
