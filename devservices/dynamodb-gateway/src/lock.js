'use strict'

/**
 * FIFO readers-writer lock. Shared holders run together; an exclusive holder runs alone.
 * Waiters are granted strictly in arrival order, so a waiting transaction is never starved
 * by a stream of later shared requests.
 */
class ReadWriteLock {
  constructor () {
    this.sharedHolders = 0
    this.exclusiveHeld = false
    this.waiters = []
  }

  /** Runs fn under the shared lock; resolves/rejects with fn's outcome. */
  shared (fn) {
    return this.run(false, fn)
  }

  /** Runs fn under the exclusive lock; resolves/rejects with fn's outcome. */
  exclusive (fn) {
    return this.run(true, fn)
  }

  async run (exclusive, fn) {
    await this.acquire(exclusive)
    try {
      return await fn()
    } finally {
      this.release(exclusive)
    }
  }

  acquire (exclusive) {
    return new Promise(resolve => {
      this.waiters.push({ exclusive, resolve })
      this.grant()
    })
  }

  release (exclusive) {
    if (exclusive) this.exclusiveHeld = false
    else this.sharedHolders--
    this.grant()
  }

  grant () {
    while (this.waiters.length > 0 && !this.exclusiveHeld) {
      const next = this.waiters[0]
      if (next.exclusive) {
        if (this.sharedHolders > 0) return
        this.exclusiveHeld = true
      } else {
        this.sharedHolders++
      }
      this.waiters.shift()
      next.resolve()
    }
  }
}

module.exports = { ReadWriteLock }
