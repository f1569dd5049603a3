import { domainModules } from './gateway-http.module';
import { declaredRoutes } from './route';

describe('declaredRoutes', () => {
  const routes = declaredRoutes(domainModules);

  it('reads every route from the controllers, with its full path and method', () => {
    expect(routes).toContainEqual({ method: 'DELETE', path: '/api/v1/applications/:name/operation', public: false });
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/projects/:project/roles/:role/token', public: false });
    expect(routes).toContainEqual({ method: 'GET', path: '/api/v1/stream/applications', public: false });
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
    expect(routes).toHaveLength(23);
  });

  it('marks exactly login, version and the webhook public', () => {
    expect(
      routes
        .filter((r) => r.public)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(['GET /api/version', 'POST /api/v1/session', 'POST /api/webhook']);
  });
});
