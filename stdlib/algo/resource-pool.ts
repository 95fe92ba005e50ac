// algo.ResourcePool: reusable resources grouped by pool name, optionally held by tenants
// (spec §3.12, test idea 85).
//
// A freed resource goes to the back of its pool's free list and is handed out again before the
// allocator is called (FIFO). A tenant holds at most one resource per pool and gets that same one
// back on every allocate. Resources, pools and tenants are compared as Map keys: strings by
// content, objects by identity.

import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { isMissing, requiredFunction } from '../arguments.js';

interface Lease {
  pool: unknown;
  tenant: unknown;
}

export class ResourcePool extends HostObject {
  private readonly freeLists = new Map<unknown, unknown[]>();
  private readonly leases = new Map<unknown, Lease>();
  /** tenant → pool → resource */
  private readonly tenants = new Map<unknown, Map<unknown, unknown>>();

  constructor(private readonly allocator: unknown) {
    super();
  }

  allocate(pool: unknown, tenant: unknown, rt: Runtime): unknown {
    const held = isMissing(tenant) ? undefined : this.tenants.get(tenant);
    if (held?.has(pool)) return held.get(pool);
    const resource = this.reuse(pool) ?? { value: rt.call(this.allocator, [pool, tenant]) };
    this.lease(resource.value, pool, tenant, rt);
    return resource.value;
  }

  private reuse(pool: unknown): { value: unknown } | undefined {
    const list = this.freeLists.get(pool);
    return list?.length ? { value: list.shift() } : undefined;
  }

  private lease(resource: unknown, pool: unknown, tenant: unknown, rt: Runtime): void {
    rt.alloc(cost.object);
    this.leases.set(resource, { pool, tenant });
    if (isMissing(tenant)) return;
    let held = this.tenants.get(tenant);
    if (!held) this.tenants.set(tenant, (held = new Map()));
    held.set(pool, resource);
  }

  free(resource: unknown, rt: Runtime): void {
    const lease = this.leases.get(resource);
    if (!lease) return;
    this.leases.delete(resource);
    if (!isMissing(lease.tenant)) this.detach(lease.tenant, lease.pool);
    let list = this.freeLists.get(lease.pool);
    if (!list) this.freeLists.set(lease.pool, (list = []));
    rt.alloc(cost.element);
    list.push(resource);
  }

  private detach(tenant: unknown, pool: unknown): void {
    const held = this.tenants.get(tenant);
    held?.delete(pool);
    if (held?.size === 0) this.tenants.delete(tenant);
  }

  freeTenant(tenant: unknown, rt: Runtime): void {
    const held = this.tenants.get(tenant);
    if (held) for (const resource of [...held.values()]) this.free(resource, rt);
  }
}

export const ResourcePoolClass = new HostClass({
  name: 'ResourcePool',
  tag: '[object pipy::algo::ResourcePool]',
  construct: (args) => new ResourcePool(requiredFunction(args, 0)),
  methods: {
    allocate: (self: ResourcePool, args, rt) => self.allocate(args[0], args[1], rt),
    free: (self: ResourcePool, args, rt) => self.free(args[0], rt),
    freeTenant: (self: ResourcePool, args, rt) => self.freeTenant(args[0], rt),
  },
});
bindHostClass(ResourcePool, ResourcePoolClass);
