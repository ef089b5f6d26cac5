'use strict'

const fs = require('fs')
const path = require('path')
const errors = require('./errors')

const FILE_NAME = 'gateway-ttl.json'

/**
 * UpdateTimeToLive / DescribeTimeToLive, which dynalite lacks. The per-table setting is kept in
 * memory (and in a small JSON file under --path). Items are not expired: DynamoDB itself only
 * deletes expired items eventually, so code must filter on the TTL attribute anyway.
 */
class TtlStore {
  constructor (upstream, dir) {
    this.upstream = upstream
    this.file = dir ? path.join(dir, FILE_NAME) : null
    this.specs = {}
    if (this.file && fs.existsSync(this.file)) this.specs = JSON.parse(fs.readFileSync(this.file, 'utf8'))
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
