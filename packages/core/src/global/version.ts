/**
 * The version of this copy of @snn/core. Kept equal to package.json's by `pnpm version-packages`
 * (scripts/sync-versions.mjs) and checked by version.test.ts; two copies of core in one program share
 * their engine only when these strings are equal.
 */
export const VERSION = '0.0.0';
