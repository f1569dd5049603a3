export { systemClock, type Clock } from './clock';
export { WorkQueue, DEFAULT_BACKOFF, type BackoffOptions, type QueueObserver, type WorkQueueOptions } from './work-queue';
export { runProcessors, type HandlerResult } from './processors';
