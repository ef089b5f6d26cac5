'use strict'

const crypto = require('crypto')
const errors = require('./errors')

const WINDOW_MS = 10 * 60 * 1000

/**
 * ClientRequestToken bookkeeping for TransactWriteItems. A token that committed is remembered for
 * ten minutes with a hash of its request: the same request again answers the first result without
 * applying anything, a different request answers IdempotentParameterMismatchException. A token
 * whose transaction did not commit is forgotten, so a retry executes again.
 */
class Idempotency {
  constructor (windowMs) {
    this.windowMs = windowMs || WINDOW_MS
    this.entries = new Map()
    this.sweeper = setInterval(() => this.sweep(), 30 * 1000)
    this.sweeper.unref()
  }

  /**
   * Resolves {replay: body} for a committed duplicate, or {fresh: true} after reserving the token.
   * Throws IdempotentParameterMismatchException / TransactionInProgressException.
   */
  begin (token, request) {
    const hash = canonicalHash(request)
    const entry = this.entries.get(token)
    if (entry && entry.expiresAt !== null && entry.expiresAt < Date.now()) this.entries.delete(token)
    else if (entry) {
      if (entry.hash !== hash) throw errors.idempotentMismatch()
      if (entry.body === undefined) throw errors.transactionInProgress()
      return { replay: entry.body }
    }
    this.entries.set(token, { hash, body: undefined, expiresAt: null })
    return { fresh: true }
  }

  committed (token, body) {
    const entry = this.entries.get(token)
    if (entry) {
      entry.body = body
      entry.expiresAt = Date.now() + this.windowMs
    }
  }

  failed (token) {
    this.entries.delete(token)
  }

  sweep () {
    const now = Date.now()
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt < now) this.entries.delete(token)
    }
  }

  close () {
    clearInterval(this.sweeper)
  }
}

/** SHA-256 of the request with sorted keys, without ClientRequestToken. */
function canonicalHash (request) {
  const copy = Object.assign({}, request)
  delete copy.ClientRequestToken
  return crypto.createHash('sha256').update(stableStringify(copy)).digest('hex')
}

function stableStringify (value) {
  if (Array.isArray(value)) return '[' + value.map(stableStringify).join(',') + ']'
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map(k => JSON.stringify(k) + ':' + stableStringify(value[k])).join(',') + '}'
  }
  return JSON.stringify(value)
}

module.exports = { Idempotency, canonicalHash }
