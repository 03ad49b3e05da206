export declare function findElectronBinary(): { path: string } | { path: null; reason: string };
export declare function ensureElectronBinary(): { path: string } | { path: null; reason: string };
