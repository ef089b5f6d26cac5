'use strict'

/**
 * Multi-granularity lock manager: tables take intention modes (IS, IX) or a whole-table S/X, items take S or X.
 * A request names all its resources at once and is queued on each of them in arrival order; it is granted when
 * its mode is compatible with every earlier entry on every one of its resources. A request only ever waits for
 * earlier ones, so there is no deadlock and no starvation, and requests on disjoint items run together.
 *
 * With `global: true` every request maps to one resource (transactions exclusive, everything else shared):
 * the gateway's former single lock, kept as a benchmark baseline.
 */

const COMPATIBLE = {
  IS: new Set(['IS', 'IX', 'S']),
  IX: new Set(['IS', 'IX']),
  S: new Set(['IS', 'S']),
  X: new Set(),
}

const GLOBAL = 'global'

class LockTimeout extends Error {
  constructor (blocked) {
    super('lock wait timed out')
    /** The resources this request was still waiting for. */
    this.blocked = blocked
  }
}

class Conflict extends Error {
  constructor (resource) {
    super('a transaction holds or waits for ' + resource)
    this.resource = resource
  }
}

class LockManager {
  constructor ({ global } = {}) {
    this.global = Boolean(global)
    this.queues = new Map()
  }

  /**
   * Acquires `wants` ([{resource, mode}], one entry per resource) and resolves a release function.
   * Options: `transaction` marks the holder as a transaction; `conflictWithTransactions` rejects at once with
   * Conflict when a transaction holds or waits for one of the resources (DynamoDB's TransactionConflictException
   * for plain writes); `waitMs` bounds the wait (rejects with LockTimeout naming the resources still blocked).
   */
  acquire (wants, { transaction = false, conflictWithTransactions = false, waitMs = 0 } = {}) {
    if (this.global) {
      wants = [{ resource: GLOBAL, mode: transaction ? 'X' : 'S' }]
      conflictWithTransactions = false
    }
    if (conflictWithTransactions) {
      for (const want of wants) {
        const queue = this.queues.get(want.resource)
        if (queue && queue.some(entry => entry.request.transaction) && want.mode !== 'IS' && want.mode !== 'IX') {
          return Promise.reject(new Conflict(want.resource))
        }
      }
    }
    return new Promise((resolve, reject) => {
      const request = { transaction, entries: [], granted: false, resolve, reject, timer: null }
      for (const want of wants) {
        let queue = this.queues.get(want.resource)
        if (!queue) this.queues.set(want.resource, queue = [])
        const entry = { request, mode: want.mode, resource: want.resource }
        queue.push(entry)
        request.entries.push(entry)
      }
      if (!this.tryGrant(request) && waitMs > 0) {
        request.timer = setTimeout(() => this.expire(request), waitMs)
      }
    })
  }

  /** Resources on which an earlier, incompatible entry blocks the request. */
  blockers (request) {
    const blocked = []
    for (const entry of request.entries) {
      const queue = this.queues.get(entry.resource)
      for (const earlier of queue) {
        if (earlier === entry) break
        if (!COMPATIBLE[entry.mode].has(earlier.mode)) {
          blocked.push(entry.resource)
          break
        }
      }
    }
    return blocked
  }

  tryGrant (request) {
    if (request.granted || this.blockers(request).length > 0) return false
    request.granted = true
    if (request.timer) clearTimeout(request.timer)
    let released = false
    request.resolve(() => {
      if (released) return
      released = true
      this.remove(request)
    })
    return true
  }

  expire (request) {
    if (request.granted) return
    const blocked = this.blockers(request)
    this.remove(request)
    request.reject(new LockTimeout(blocked))
  }

  remove (request) {
    const touched = []
    for (const entry of request.entries) {
      const queue = this.queues.get(entry.resource)
      const at = queue.indexOf(entry)
      if (at >= 0) queue.splice(at, 1)
      if (queue.length === 0) this.queues.delete(entry.resource)
      else touched.push(queue)
    }
    for (const queue of touched) {
      for (const entry of queue.slice()) {
        if (!entry.request.granted) this.tryGrant(entry.request)
      }
    }
  }

  /** Number of resources with holders or waiters (for tests and leak checks). */
  size () {
    return this.queues.size
  }
}

module.exports = { LockManager, LockTimeout, Conflict }
