import type { PortalRoute } from '../router';
import { listPrograms } from './programs';

/** The portal's home is the list of programs, with the member's open items when signed in. */
export const homeRoutes: PortalRoute[] = [{ method: 'GET', path: '', handler: listPrograms }];
