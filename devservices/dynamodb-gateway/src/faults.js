'use strict'

const errors = require('./errors')

/** Operations that fault injection may fail; table management is left alone so bootstrap stays deterministic. */
const DATA_PLANE = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan',
  'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems'])

/**
 * Optional fault injection so retry code can be tested: a share of data-plane requests answered
 * 500 InternalServerError or 400 ThrottlingException (half each), and a share of transactions
 * cancelled with reason TransactionConflict before anything is written.
 */
class Faults {
  constructor (conflictRate, errorRate, random) {
    this.conflictRate = conflictRate || 0
    this.errorRate = errorRate || 0
    this.random = random || Math.random
  }

  /** Returns a DynamoError to answer instead of serving the request, or null. */
  requestError (operation) {
    if (this.errorRate <= 0 || !DATA_PLANE.has(operation) || this.random() >= this.errorRate) return null
    return this.random() < 0.5 ? errors.internal() : errors.throttling()
  }

  /** Returns a TransactionCanceledException for a transaction of n actions, or null. */
  conflict (n) {
    if (this.conflictRate <= 0 || this.random() >= this.conflictRate) return null
    const victim = Math.floor(this.random() * n)
    const reasons = []
    for (let i = 0; i < n; i++) {
      reasons.push(i === victim ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' })
    }
    return errors.transactionCanceled(reasons)
  }
}

module.exports = { Faults }
