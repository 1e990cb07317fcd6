import { describe, expect, it } from 'vitest';
import { routeAddresses, routePath } from './route-addresses.js';
import { routes } from './routes.js';

describe('route addresses', () => {
  it('name every route of the map with its method and path, and nothing else', () => {
    expect(Object.fromEntries(Object.entries(routes).map(([name, spec]) => [name, [spec.method, spec.path]]))).toEqual(routeAddresses);
  });

  it('fill a path with its params, each encoded', () => {
    expect(routePath('/api/events/{id}/participants/{personId}', { id: 'a b', personId: 'x/y' })).toBe('/api/events/a%20b/participants/x%2Fy');
  });
});
