'use strict'

const http = require('http')
const zlib = require('zlib')
const crypto = require('crypto')
const errors = require('./errors')
const { LockManager, LockTimeout, Conflict } = require('./locks')
const lockPlans = require('./lock-plans')
const { Schemas, itemIdentity } = require('./schemas')
const { writeActions, getActions } = require('./transact-validate')
const { TransactionWriter } = require('./transact-write')
const { readSnapshot } = require('./transact-get')
const { Idempotency } = require('./idempotency')
const { TtlStore } = require('./ttl')

const API = 'DynamoDB_20120810'
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding'])
const HOLD_HEADER = 'x-reeyo-gateway-hold-ms'

/**
 * The gateway's HTTP front: DynamoDB JSON-protocol requests in; TransactWriteItems, TransactGetItems,
 * UpdateTimeToLive and DescribeTimeToLive answered here, everything else forwarded verbatim to dynalite.
 * Isolation is per item (see locks.js): transactions lock their items exclusively (gets: shared) and queue
 * behind earlier holders for at most `lockWaitMs`, then cancel with reason TransactionConflict on the items
 * still held; a plain PutItem/UpdateItem/DeleteItem on an item a transaction holds or waits for answers
 * TransactionConflictException, as DynamoDB does; GetItem and batch operations wait; Query and Scan lock the
 * whole table shared, so no reader ever observes a half-applied transaction.
 */
class Gateway {
  constructor ({ upstream, journal, faults, dataDir, globalLock, lockWaitMs, holdMaxMs, ttlSweep }) {
    this.upstream = upstream
    this.faults = faults
    this.locks = new LockManager({ global: globalLock })
    this.lockWaitMs = lockWaitMs === undefined ? 5000 : lockWaitMs
    this.holdMaxMs = holdMaxMs || 0
    this.schemas = new Schemas(upstream)
    this.writer = new TransactionWriter(upstream, journal)
    this.idempotency = new Idempotency()
    this.ttl = new TtlStore(upstream, dataDir, Object.assign({ deleteExpired: item => this.deleteExpired(item) },
      ttlSweep || {}))
    this.own = {
      TransactWriteItems: (request, req) => this.transactWrite(request, this.holdMs(req)),
      TransactGetItems: request => this.transactGet(request),
      UpdateTimeToLive: request => this.ttl.update(request),
      DescribeTimeToLive: request => this.ttl.describe(request),
    }
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(err => {
        console.error('dynamodb-gateway: unexpected failure: ' + (err && err.stack))
        if (!res.headersSent) send(res, 500, errors.internal().body)
      })
    })
    this.server.keepAliveTimeout = 60 * 1000
  }

  listen (port, host) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => resolve(this.server.address().port))
    })
  }

  async close () {
    this.idempotency.close()
    await new Promise(resolve => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    await this.ttl.close()
  }

  async handle (req, res) {
    const body = await readBody(req)
    const [api, operation] = String(req.headers['x-amz-target'] || '').split('.')
    const fault = this.faults.requestError(operation)
    if (fault) return send(res, fault.status, fault.body)
    const own = api === API && this.own[operation]
    let request
    try {
      request = JSON.parse(body.toString('utf8') || 'null')
    } catch (e) {
      request = undefined
    }
    if (!own) return this.forward(req, res, operation, body, request)
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' })
    }
    try {
      send(res, 200, await own(request, req))
    } catch (err) {
      if (!(err instanceof errors.DynamoError)) throw err
      send(res, err.status, err.body)
    }
  }

  async forward (req, res, operation, body, request) {
    let answer
    try {
      answer = await this.withOperationLocks(operation, request,
        () => this.upstream.forward(req.method, req.url, req.headers, body))
    } catch (err) {
      if (!(err instanceof errors.DynamoError)) throw err
      return send(res, err.status, err.body)
    }
    if (answer.status === 200 && (operation === 'DeleteTable' || operation === 'CreateTable')) {
      const tableName = request && request.TableName
      this.schemas.forget(tableName)
      if (operation === 'DeleteTable' && tableName) this.ttl.forget(tableName)
    }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_HEADERS.has(name)) res.setHeader(name, value)
    }
    res.statusCode = answer.status
    res.end(answer.body)
  }

  /** Runs fn under the locks a forwarded operation needs; plain writes on a transaction's item conflict. */
  async withOperationLocks (operation, request, fn) {
    const plan = await lockPlans.forOperation(operation, request, this.schemas)
    if (plan.wants.length === 0 && !this.locks.global) return fn()
    let release
    try {
      release = await this.locks.acquire(plan.wants, { conflictWithTransactions: plan.plainWrite })
    } catch (err) {
      if (err instanceof Conflict) throw errors.transactionConflict()
      throw err
    }
    try {
      return await fn()
    } finally {
      release()
    }
  }

  /** Deletes an expired item unless it changed since the sweep read it (TTL sweeper). */
  deleteExpired ({ tableName, key, attribute, value }) {
    const request = {
      TableName: tableName,
      Key: key,
      ConditionExpression: '#ttl = :seen',
      ExpressionAttributeNames: { '#ttl': attribute },
      ExpressionAttributeValues: { ':seen': value },
    }
    return this.withOperationLocks('DeleteItem', request, () => this.upstream.call('DeleteItem', request))
  }

  holdMs (req) {
    const asked = Number(req.headers[HOLD_HEADER] || 0)
    return asked > 0 ? Math.min(asked, this.holdMaxMs) : 0
  }

  /** Acquires a transaction's item locks; on timeout cancels with TransactionConflict on the blocked items. */
  async lockTransaction (actions, mode) {
    try {
      return await this.locks.acquire(lockPlans.forActions(actions, mode),
        { transaction: true, waitMs: this.lockWaitMs })
    } catch (err) {
      if (!(err instanceof LockTimeout)) throw err
      const blocked = new Set(err.blocked)
      throw errors.transactionCanceled(actions.map(action => {
        const item = itemIdentity(action.tableName, action.key, action.keyNames)
        return blocked.has(item) || blocked.has(lockPlans.tableResource(action.tableName)) || blocked.has('global')
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
          : { Code: 'None' }
      }))
    }
  }

  async transactWrite (request, holdMs) {
    const actions = await writeActions(request, this.schemas)
    const token = request.ClientRequestToken
    if (token !== undefined) {
      const seen = this.idempotency.begin(token, request)
      if (seen.replay) return seen.replay
    }
    try {
      const conflict = this.faults.conflict(actions.length)
      if (conflict) throw conflict
      const release = await this.lockTransaction(actions, 'X')
      try {
        await this.writer.commit(actions, holdMs)
      } finally {
        release()
      }
      const result = consumedCapacity(request, actions, 2)
      if (token !== undefined) this.idempotency.committed(token, result)
      return result
    } catch (err) {
      if (token !== undefined) this.idempotency.failed(token)
      throw err
    }
  }

  async transactGet (request) {
    const actions = await getActions(request, this.schemas)
    const conflict = this.faults.conflict(actions.length)
    if (conflict) throw conflict
    const release = await this.lockTransaction(actions, 'S')
    try {
      return Object.assign(await readSnapshot(this.upstream, actions), consumedCapacity(request, actions, 1))
    } finally {
      release()
    }
  }
}

function consumedCapacity (request, actions, unitsPerItem) {
  const mode = request.ReturnConsumedCapacity
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {}
  const perTable = new Map()
  for (const action of actions) perTable.set(action.tableName, (perTable.get(action.tableName) || 0) + unitsPerItem)
  const list = []
  for (const [TableName, CapacityUnits] of perTable) {
    list.push(unitsPerItem === 2
      ? { TableName, CapacityUnits, WriteCapacityUnits: CapacityUnits }
      : { TableName, CapacityUnits, ReadCapacityUnits: CapacityUnits })
  }
  return { ConsumedCapacity: list }
}

function readBody (req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', c => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send (res, status, payload) {
  const body = Buffer.from(JSON.stringify(payload))
  res.statusCode = status
  res.setHeader('Content-Type', 'application/x-amz-json-1.0')
  res.setHeader('Content-Length', body.length)
  res.setHeader('x-amzn-RequestId', crypto.randomBytes(26).toString('hex').toUpperCase())
  if (typeof zlib.crc32 === 'function') res.setHeader('x-amz-crc32', zlib.crc32(body))
  res.end(body)
}

module.exports = { Gateway }
