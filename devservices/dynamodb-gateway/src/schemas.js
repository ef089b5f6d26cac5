'use strict'

const errors = require('./errors')

/**
 * Key schemas of tables, read with DescribeTable and cached. The gateway forgets a table when
 * CreateTable/DeleteTable passes through it.
 */
class Schemas {
  constructor (upstream) {
    this.upstream = upstream
    this.cache = new Map()
  }

  /** Resolves the table's key attribute names (hash first) or rejects with ResourceNotFoundException. */
  async keyNames (tableName) {
    const cached = this.cache.get(tableName)
    if (cached) return cached
    let described
    try {
      described = await this.upstream.call('DescribeTable', { TableName: tableName })
    } catch (err) {
      if (err.body && errors.shortType(err) === 'ResourceNotFoundException') throw errors.resourceNotFound()
      throw err
    }
    const table = described.Table
    if (table.TableStatus !== 'ACTIVE' && table.TableStatus !== 'UPDATING') throw errors.resourceNotFound()
    const schema = table.KeySchema
    const names = [schema.find(k => k.KeyType === 'HASH').AttributeName]
    const range = schema.find(k => k.KeyType === 'RANGE')
    if (range) names.push(range.AttributeName)
    this.cache.set(tableName, names)
    return names
  }

  forget (tableName) {
    if (tableName) this.cache.delete(tableName)
    else this.cache.clear()
  }
}

/** Extracts the key of an item, or throws the ValidationException DynamoDB gives for a missing key attribute. */
function keyOf (item, keyNames, isKey) {
  const key = {}
  for (const name of keyNames) {
    if (!item || item[name] === undefined) {
      if (isKey) throw errors.validation('The provided key element does not match the schema')
      throw errors.validation('One or more parameter values were invalid: Missing the key ' + name + ' in the item')
    }
    key[name] = item[name]
  }
  return key
}

/** A string identifying one item of one table, equal for equal keys (numbers compared by value). */
function itemIdentity (tableName, key, keyNames) {
  const parts = keyNames.map(name => {
    const value = key[name]
    if (!value || typeof value !== 'object') return 'invalid'
    const [type] = Object.keys(value)
    return type + ':' + (type === 'N' ? normalizeNumber(value.N) : String(value[type]))
  })
  return tableName + '\u0000' + parts.join('\u0000')
}

function normalizeNumber (text) {
  const n = Number(text)
  return Number.isFinite(n) && String(text).replace(/[^0-9]/g, '').length <= 15 ? String(n) : String(text).trim()
}

module.exports = { Schemas, keyOf, itemIdentity }
