import { globMatch } from './glob';

describe('globMatch', () => {
  it('matches * across slashes and ? as one character, the rest literally', () => {
    expect(globMatch('proj-a/*', 'proj-a/web')).toBe(true);
    expect(globMatch('*', 'a/b/c')).toBe(true);
    expect(globMatch('action/*', 'action/apps/Deployment/restart')).toBe(true);
    expect(globMatch('proj-?', 'proj-a')).toBe(true);
    expect(globMatch('proj.a', 'projxa')).toBe(false);
    expect(globMatch('proj-a/*', 'proj-b/web')).toBe(false);
  });
});
