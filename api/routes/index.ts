// Every route of the admin API, in the order the OpenAPI document lists them.
import type { Route } from '../route.js';
import { catalogRoutes } from './catalog.js';
import { guardianRoutes } from './guardians.js';
import { notificationRoutes } from './notifications.js';
import { officeRoutes } from './office.js';
import { personRoutes } from './persons.js';
import { rosterRoutes } from './roster.js';
import { schoolRoutes } from './schools.js';
import { sessionRoutes } from './session.js';

export const ROUTES: readonly Route[] = [...sessionRoutes, ...schoolRoutes, ...personRoutes, ...rosterRoutes, ...officeRoutes, ...guardianRoutes, ...notificationRoutes, ...catalogRoutes];
