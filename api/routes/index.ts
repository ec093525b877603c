// Every route of the admin API, in the order the OpenAPI document lists them.
import type { Route } from '../route.js';
import { catalogRoutes } from './catalog.js';
import { guardianRoutes } from './guardians.js';
import { loginRoutes } from './login.js';
import { notificationRoutes } from './notifications.js';
import { officeRoutes } from './office.js';
import { personRoutes } from './persons.js';
import { photoRoutes } from './photos.js';
import { portalRoutes } from './portal.js';
import { rosterRoutes } from './roster.js';
import { schoolRoutes } from './schools.js';
import { sessionRoutes } from './session.js';

export const ROUTES: readonly Route[] = [...sessionRoutes, ...loginRoutes, ...schoolRoutes, ...personRoutes, ...photoRoutes, ...rosterRoutes,
  ...officeRoutes, ...guardianRoutes, ...notificationRoutes, ...portalRoutes, ...catalogRoutes];
