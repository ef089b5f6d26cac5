'use strict'

const fs = require('fs')
const path = require('path')
const errors = require('./errors')

const FILE_NAME = 'gateway-ttl.json'

const FIVE_YEARS_S = 5 * 365 * 24 * 3600

/**
 * UpdateTimeToLive / DescribeTimeToLive, which dynalite lacks. The per-table setting is kept in memory (and in a
 * small JSON file under --path). Expired items are deleted as DynamoDB does, in the background: every
 * `intervalMs` one page of at most `batch` items per TTL-enabled table is scanned (continuing where the previous
 * page stopped) and the items whose TTL attribute is a number of epoch seconds in the past (but not more than five
 * years, which DynamoDB ignores too) are deleted, each only if its TTL is still the one read. Code must still
 * filter on the attribute, since deletion lags expiry, as in DynamoDB.
 */
class TtlStore {
  constructor (upstream, dir, { deleteExpired, intervalMs = 5000, batch = 200, now = () => Date.now() } = {}) {
    this.upstream = upstream
    this.file = dir ? path.join(dir, FILE_NAME) : null
    this.specs = {}
    if (this.file && fs.existsSync(this.file)) this.specs = JSON.parse(fs.readFileSync(this.file, 'utf8'))
    this.deleteExpired = deleteExpired
    this.batch = batch
    this.now = now
    this.cursors = {}
    this.sweeping = false
    this.deleted = 0
    this.running = Promise.resolve(0)
    this.timer = deleteExpired && intervalMs > 0 ? setInterval(() => { this.running = this.sweep() }, intervalMs) : null
    if (this.timer) this.timer.unref()
  }

  /** Scans one page of every TTL-enabled table and deletes its expired items; resolves how many were deleted. */
  async sweep () {
    if (this.sweeping) return 0
    this.sweeping = true
    let deleted = 0
    try {
      for (const [tableName, attribute] of Object.entries(this.specs)) {
        deleted += await this.sweepTable(tableName, attribute)
      }
    } catch (err) {
      console.error('dynamodb-gateway: TTL sweep failed: ' + err.message)
    } finally {
      this.sweeping = false
    }
    this.deleted += deleted
    return deleted
  }

  async sweepTable (tableName, attribute) {
    const nowS = Math.floor(this.now() / 1000)
    const scan = {
      TableName: tableName,
      Limit: this.batch,
      FilterExpression: '#ttl <= :now AND #ttl > :floor',
      ExpressionAttributeNames: { '#ttl': attribute },
      ExpressionAttributeValues: { ':now': { N: String(nowS) }, ':floor': { N: String(nowS - FIVE_YEARS_S) } },
    }
    if (this.cursors[tableName]) scan.ExclusiveStartKey = this.cursors[tableName]
    let page
    try {
      page = await this.upstream.call('Scan', scan)
    } catch (err) {
      if (errors.shortType(err) === 'ResourceNotFoundException') {
        this.forget(tableName)
        return 0
      }
      throw err
    }
    if (page.LastEvaluatedKey) this.cursors[tableName] = page.LastEvaluatedKey
    else delete this.cursors[tableName]
    const { keyNames } = await this.keyNamesOf(tableName)
    let deleted = 0
    for (const item of page.Items || []) {
      const key = {}
      for (const name of keyNames) key[name] = item[name]
      try {
        await this.deleteExpired({ tableName, key, attribute, value: item[attribute] })
        deleted++
      } catch (err) {
        // changed since the scan (condition failed) or held by a transaction: the next round sees it again
      }
    }
    return deleted
  }

  async keyNamesOf (tableName) {
    const described = await this.upstream.call('DescribeTable', { TableName: tableName })
    return { keyNames: described.Table.KeySchema.map(k => k.AttributeName) }
  }

  /** Stops sweeping; resolves once a sweep in progress has finished. */
  close () {
    if (this.timer) clearInterval(this.timer)
    return this.running
  }

  async update (request) {
    const spec = request.TimeToLiveSpecification
    await this.requireTable(request.TableName)
    if (!spec || typeof spec.Enabled !== 'boolean' || typeof spec.AttributeName !== 'string' ||
      spec.AttributeName.length < 1 || spec.AttributeName.length > 255) {
      throw errors.validation("1 validation error detected: Value null at 'timeToLiveSpecification' failed to " +
        'satisfy constraint: Member must not be null')
    }
    const current = this.specs[request.TableName]
    if (spec.Enabled && current) throw errors.validation('TimeToLive is already enabled')
    if (!spec.Enabled && !current) throw errors.validation('TimeToLive is already disabled')
    if (spec.Enabled) this.specs[request.TableName] = spec.AttributeName
    else delete this.specs[request.TableName]
    this.save()
    return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } }
  }

  async describe (request) {
    await this.requireTable(request.TableName)
    const attribute = this.specs[request.TableName]
    return attribute
      ? { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } }
      : { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } }
  }

  forget (tableName) {
    delete this.cursors[tableName]
    if (this.specs[tableName] !== undefined) {
      delete this.specs[tableName]
      this.save()
    }
  }

  async requireTable (tableName) {
    if (typeof tableName !== 'string' || tableName.length < 3) {
      throw errors.validation("1 validation error detected: Value '" + tableName + "' at 'tableName' failed to " +
        'satisfy constraint: Member must have length greater than or equal to 3')
    }
    try {
      await this.upstream.call('DescribeTable', { TableName: tableName })
    } catch (err) {
      if (errors.shortType(err) === 'ResourceNotFoundException') {
        this.forget(tableName)
        throw errors.resourceNotFound('Requested resource not found: Table: ' + tableName + ' not found')
      }
      throw err
    }
  }

  save () {
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(this.specs))
  }
}

module.exports = { TtlStore }
