/**
 * The plugin's HTTP contracts in one import, for the admin, the tests and an association's website
 * (`import type { ... } from 'strapi-plugin-mentorship/contracts'`). Every file of this folder is
 * re-exported here (a unit test keeps it so).
 */
export type * from './admin';
export type * from './api-registry';
export type * from './errors';
export type * from './members';
export type * from './members-api';
export type * from './portal';
export type * from './programs';
export type * from './staff';
