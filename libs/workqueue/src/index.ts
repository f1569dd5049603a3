export { systemClock, type Clock } from './clock';
export { WorkQueue, DEFAULT_BACKOFF, type BackoffOptions, type QueueObserver } from './work-queue';
export { runProcessors, type HandlerResult } from './processors';
