'use strict'

const http = require('http')
const zlib = require('zlib')
const crypto = require('crypto')
const errors = require('./errors')
const { ReadWriteLock } = require('./lock')
const { Schemas } = require('./schemas')
const { writeActions, getActions } = require('./transact-validate')
const { TransactionWriter } = require('./transact-write')
const { readSnapshot } = require('./transact-get')
const { Idempotency } = require('./idempotency')
const { TtlStore } = require('./ttl')

const API = 'DynamoDB_20120810'
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding'])

/**
 * The gateway's HTTP front: DynamoDB JSON-protocol requests in; TransactWriteItems, TransactGetItems,
 * UpdateTimeToLive and DescribeTimeToLive answered here, everything else forwarded verbatim to dynalite.
 * Isolation: transactions take an exclusive lock, every other request a shared one.
 */
class Gateway {
  constructor ({ upstream, journal, faults, dataDir }) {
    this.upstream = upstream
    this.faults = faults
    this.lock = new ReadWriteLock()
    this.schemas = new Schemas(upstream)
    this.writer = new TransactionWriter(upstream, journal)
    this.idempotency = new Idempotency()
    this.ttl = new TtlStore(upstream, dataDir)
    this.own = {
      TransactWriteItems: request => this.transactWrite(request),
      TransactGetItems: request => this.transactGet(request),
      UpdateTimeToLive: request => this.lock.shared(() => this.ttl.update(request)),
      DescribeTimeToLive: request => this.lock.shared(() => this.ttl.describe(request)),
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

  close () {
    this.idempotency.close()
    return new Promise(resolve => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  async handle (req, res) {
    const body = await readBody(req)
    const [api, operation] = String(req.headers['x-amz-target'] || '').split('.')
    const fault = this.faults.requestError(operation)
    if (fault) return send(res, fault.status, fault.body)
    const own = api === API && this.own[operation]
    if (!own) return this.forward(req, res, operation, body)
    let request
    try {
      request = JSON.parse(body.toString('utf8') || 'null')
    } catch (e) {
      request = undefined
    }
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' })
    }
    try {
      send(res, 200, await own(request))
    } catch (err) {
      if (!(err instanceof errors.DynamoError)) throw err
      send(res, err.status, err.body)
    }
  }

  async forward (req, res, operation, body) {
    const answer = await this.lock.shared(() => this.upstream.forward(req.method, req.url, req.headers, body))
    if (answer.status === 200 && (operation === 'DeleteTable' || operation === 'CreateTable')) {
      const tableName = safeTableName(body)
      this.schemas.forget(tableName)
      if (operation === 'DeleteTable' && tableName) this.ttl.forget(tableName)
    }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_HEADERS.has(name)) res.setHeader(name, value)
    }
    res.statusCode = answer.status
    res.end(answer.body)
  }

  async transactWrite (request) {
    const actions = await writeActions(request, this.schemas)
    const token = request.ClientRequestToken
    if (token !== undefined) {
      const seen = this.idempotency.begin(token, request)
      if (seen.replay) return seen.replay
    }
    try {
      const result = await this.lock.exclusive(async () => {
        const conflict = this.faults.conflict(actions.length)
        if (conflict) throw conflict
        await this.writer.commit(actions)
        return consumedCapacity(request, actions, 2)
      })
      if (token !== undefined) this.idempotency.committed(token, result)
      return result
    } catch (err) {
      if (token !== undefined) this.idempotency.failed(token)
      throw err
    }
  }

  async transactGet (request) {
    const actions = await getActions(request, this.schemas)
    return this.lock.exclusive(async () => {
      const conflict = this.faults.conflict(actions.length)
      if (conflict) throw conflict
      return Object.assign(await readSnapshot(this.upstream, actions), consumedCapacity(request, actions, 1))
    })
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

function safeTableName (body) {
  try {
    return JSON.parse(body.toString('utf8')).TableName
  } catch (e) {
    return undefined
  }
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
