import { trace } from '@opentelemetry/api';
import { AppTraces, type AppOutcome } from './app-traces';

// Given a webhook's traceparent on an app, the app's spans join that trace until the app is Synced and Healthy at
// the revision it was first compared at; other apps, stale traces and finished ones are left alone.

const webhook = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const later = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const app = 'argocd/guestbook';
const healthyAt = (revision: string): AppOutcome => ({ syncStatus: 'Synced', healthStatus: 'Healthy', revision, operationRunning: false });
const traceIdOf = (traces: AppTraces, key: string, now = 0) => {
  const parent = traces.parent(key, now);
  return parent && trace.getSpanContext(parent)?.traceId;
};

describe('AppTraces', () => {
  it('runs the app in the webhook trace until it is Synced and Healthy at the revision compared first', () => {
    const traces = new AppTraces();
    traces.adopt(app, webhook, 0);
    expect(trace.getSpanContext(traces.parent(app, 0)!)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      isRemote: true,
    });

    expect(traces.settle(app, { syncStatus: 'OutOfSync', healthStatus: 'Healthy', revision: 'b2', operationRunning: false })).toBe(false);
    expect(traces.settle(app, { ...healthyAt('b2'), operationRunning: true })).toBe(false);
    expect(traces.settle(app, { syncStatus: 'Synced', healthStatus: 'Progressing', revision: 'b2', operationRunning: false })).toBe(false);
    expect(traceIdOf(traces, app, 1000)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');

    expect(traces.settle(app, healthyAt('b2'))).toBe(true);
    expect(traces.parent(app, 1000)).toBeUndefined();
    expect(traces.settle(app, healthyAt('b2'))).toBe(false);
  });

  it('is not done while the app is healthy at another revision than the one it was opened for', () => {
    const traces = new AppTraces();
    traces.adopt(app, webhook, 0);
    expect(traces.settle(app, { syncStatus: 'Unknown', operationRunning: false })).toBe(false);
    expect(traces.settle(app, { syncStatus: 'OutOfSync', healthStatus: 'Healthy', revision: 'b2', operationRunning: false })).toBe(false);
    expect(traces.settle(app, healthyAt('a1'))).toBe(false);
    expect(traces.settle(app, healthyAt('b2'))).toBe(true);
  });

  it('leaves other apps in traces of their own', () => {
    const traces = new AppTraces();
    traces.adopt(app, webhook, 0);
    expect(traces.parent('argocd/other', 0)).toBeUndefined();
    expect(traces.settle('argocd/other', healthyAt('b2'))).toBe(false);
    expect(traceIdOf(traces, app)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('drops a trace older than maxAgeMs', () => {
    const traces = new AppTraces({ maxAgeMs: 60_000 });
    traces.adopt(app, webhook, 0);
    expect(traces.parent(app, 60_000)).toBeDefined();
    expect(traces.parent(app, 60_001)).toBeUndefined();
    expect(traces.settle(app, healthyAt('b2'))).toBe(false);
  });

  it('does not reopen a finished trace for the same traceparent, but a new webhook opens a new one', () => {
    const traces = new AppTraces();
    traces.adopt(app, webhook, 0);
    expect(traces.settle(app, healthyAt('b2'))).toBe(true);
    traces.adopt(app, webhook, 10); // a stale copy of the app, its annotation not yet cleared
    expect(traces.parent(app, 10)).toBeUndefined();
    traces.adopt(app, later, 20);
    expect(traceIdOf(traces, app, 20)).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('keeps the first trace while the same traceparent is seen again, and ignores a malformed one', () => {
    const traces = new AppTraces({ maxAgeMs: 60_000 });
    traces.adopt(app, webhook, 0);
    traces.adopt(app, webhook, 50_000);
    expect(traces.parent(app, 60_001)).toBeUndefined(); // its age counts from the first adoption
    traces.adopt('argocd/other', 'garbage', 0);
    traces.adopt('argocd/other', undefined, 0);
    expect(traces.parent('argocd/other', 0)).toBeUndefined();
  });

  it('forgets a deleted app', () => {
    const traces = new AppTraces();
    traces.adopt(app, webhook, 0);
    traces.forget(app);
    expect(traces.parent(app, 0)).toBeUndefined();
    traces.adopt(app, webhook, 0);
    expect(traceIdOf(traces, app)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
