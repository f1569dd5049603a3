import { status, type ServerWritableStream, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { health } from '@fjord/proto';

const { HealthCheckResponse_ServingStatus: ServingStatus } = health;
type ServingStatus = health.HealthCheckResponse_ServingStatus;

/**
 * The standard grpc.health.v1 service. The empty service name is the server as a whole; others can be
 * registered by name. Watch streams every change of status.
 */
export class HealthService {
  private readonly statuses = new Map<string, ServingStatus>([['', ServingStatus.SERVING]]);
  private readonly watchers = new Map<string, Set<ServerWritableStream<health.HealthCheckRequest, health.HealthCheckResponse>>>();

  /** Sets the status of a service name ('' for the whole server) and notifies watchers. */
  setStatus(service: string, servingStatus: ServingStatus): void {
    this.statuses.set(service, servingStatus);
    for (const call of this.watchers.get(service) ?? []) call.write({ status: servingStatus });
  }

  /** Marks every service NOT_SERVING; used at the start of shutdown so load balancers drain. */
  shutdown(): void {
    for (const service of this.statuses.keys()) this.setStatus(service, ServingStatus.NOT_SERVING);
    for (const calls of this.watchers.values()) for (const call of calls) call.end();
    this.watchers.clear();
  }

  /** The grpc-js implementation to register with health.HealthService. */
  implementation(): health.HealthServer {
    return {
      check: (call: ServerUnaryCall<health.HealthCheckRequest, health.HealthCheckResponse>, callback: sendUnaryData<health.HealthCheckResponse>) => {
        const current = this.statuses.get(call.request.service);
        if (current === undefined) {
          callback({ code: status.NOT_FOUND, details: `unknown service "${call.request.service}"` });
        } else {
          callback(null, { status: current });
        }
      },
      watch: (call: ServerWritableStream<health.HealthCheckRequest, health.HealthCheckResponse>) => {
        const name = call.request.service;
        call.write({ status: this.statuses.get(name) ?? ServingStatus.SERVICE_UNKNOWN });
        const set = this.watchers.get(name) ?? new Set();
        set.add(call);
        this.watchers.set(name, set);
        call.on('cancelled', () => set.delete(call));
      },
    };
  }
}
