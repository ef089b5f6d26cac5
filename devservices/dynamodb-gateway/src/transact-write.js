'use strict'

const errors = require('./errors')
const { keyOf, itemIdentity } = require('./schemas')

/** dynalite ValidationException messages that depend on the stored item: DynamoDB reports these as a
 * cancellation reason (Code ValidationError) rather than failing the whole request. */
const DATA_DEPENDENT = [
  'An operand in the update expression has an incorrect data type',
  'Item size to update has exceeded the maximum allowed size',
  'Item size has exceeded the maximum allowed size',
  'The document path provided in the update expression is invalid for update',
  'Type mismatch for attribute to update',
  'The update expression attempted to update the secondary index key to unsupported type',
]

const EXPRESSION_FIELDS = ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues']

/**
 * Applies TransactWriteItems actions all-or-nothing. Must run while the gateway holds an exclusive lock on every
 * item of the transaction: it reads every before-image, applies each action as a conditional single-item write to
 * dynalite (items are distinct, so every condition sees the pre-transaction state), and, if any action fails,
 * restores every before-image before answering. Nobody else can observe the intermediate states.
 */
class TransactionWriter {
  constructor (upstream, journal) {
    this.upstream = upstream
    this.journal = journal
  }

  /**
   * Resolves when committed; rejects with TransactionCanceledException or another DynamoError. `holdMs` (fault
   * injection) keeps the applied but uncommitted transaction open that long, its items still locked.
   */
  async commit (actions, holdMs) {
    const befores = await this.readAll(actions)
    const undo = await this.journal.begin(actions.map((action, i) => ({
      TableName: action.tableName, Key: action.key, Before: befores[i],
    })))
    const outcomes = await Promise.all(actions.map((action, i) => this.apply(action, befores[i])))
    if (holdMs > 0) await new Promise(resolve => setTimeout(resolve, holdMs))
    const fatal = outcomes.find(outcome => outcome.fatal)
    const cancelled = outcomes.some(outcome => outcome.reason.Code !== 'None')
    if (fatal || cancelled) {
      await this.rollback(actions, befores, outcomes)
      await this.journal.end(undo)
      if (fatal) throw fatal.fatal
      throw errors.transactionCanceled(outcomes.map(outcome => outcome.reason))
    }
    await this.journal.end(undo)
  }

  /** Every action's before-image in one consistent BatchGetItem (100 keys at most, as transactions). */
  async readAll (actions) {
    const requestItems = {}
    for (const action of actions) {
      const entry = requestItems[action.tableName] || (requestItems[action.tableName] = { Keys: [], ConsistentRead: true })
      entry.Keys.push(action.key)
    }
    const answer = await this.upstream.call('BatchGetItem', { RequestItems: requestItems })
    const unprocessed = answer.UnprocessedKeys && Object.keys(answer.UnprocessedKeys).length > 0
    if (unprocessed) return Promise.all(actions.map(action => this.read(action)))
    const found = new Map()
    for (const [tableName, items] of Object.entries(answer.Responses || {})) {
      const keyNames = actions.find(action => action.tableName === tableName).keyNames
      for (const item of items) found.set(itemIdentity(tableName, keyOf(item, keyNames, true), keyNames), item)
    }
    return actions.map(action => found.get(itemIdentity(action.tableName, action.key, action.keyNames)) || null)
  }

  async read (action) {
    const answer = await this.upstream.call('GetItem', {
      TableName: action.tableName, Key: action.key, ConsistentRead: true,
    })
    return answer.Item || null
  }

  async apply (action, before) {
    try {
      const written = await this.write(action, before)
      return { applied: written, reason: { Code: 'None' } }
    } catch (err) {
      if (!(err instanceof errors.DynamoError)) return { fatal: errors.internal(err.message), reason: {} }
      const type = errors.shortType(err)
      if (type === 'ConditionalCheckFailedException') {
        const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
        if (action.returnOld && before) reason.Item = before
        return { applied: false, reason }
      }
      if (type === 'ValidationException' && DATA_DEPENDENT.some(m => err.message.startsWith(m))) {
        return { applied: false, reason: { Code: 'ValidationError', Message: err.message } }
      }
      return { fatal: err, reason: {} }
    }
  }

  /** Performs one action as a conditional write; resolves whether the stored item may have changed. */
  async write (action, before) {
    const p = action.params
    const base = { TableName: action.tableName }
    for (const field of EXPRESSION_FIELDS) if (p[field] !== undefined) base[field] = p[field]
    switch (action.kind) {
      case 'Put':
        await this.upstream.call('PutItem', Object.assign(base, { Item: p.Item }))
        return true
      case 'Update':
        await this.upstream.call('UpdateItem', Object.assign(base, { Key: p.Key, UpdateExpression: p.UpdateExpression }))
        return true
      case 'Delete':
        await this.upstream.call('DeleteItem', Object.assign(base, { Key: p.Key }))
        return true
      default:
        // ConditionCheck: a write that evaluates the condition and leaves the item as it was.
        // An UpdateItem without updates rewrites an existing item unchanged; a DeleteItem of a
        // missing item deletes nothing.
        await this.upstream.call(before ? 'UpdateItem' : 'DeleteItem', Object.assign(base, { Key: p.Key }))
        return false
    }
  }

  async rollback (actions, befores, outcomes) {
    await Promise.all(actions.map((action, i) => {
      if (!outcomes[i].applied) return null
      return restore(this.upstream, action.tableName, action.key, befores[i])
    }))
  }
}

/** Puts back a before-image (or deletes the item when there was none), retrying a few times. */
async function restore (upstream, tableName, key, before) {
  for (let attempt = 1; ; attempt++) {
    try {
      if (before) await upstream.call('PutItem', { TableName: tableName, Item: before })
      else await upstream.call('DeleteItem', { TableName: tableName, Key: key })
      return
    } catch (err) {
      if (attempt >= 3) {
        console.error('dynamodb-gateway: ROLLBACK FAILED for an item of ' + tableName + ': ' + err.message)
        throw errors.internal('transaction rollback failed')
      }
    }
  }
}

module.exports = { TransactionWriter, restore }
