'use strict'

const { keyOf, itemIdentity } = require('./schemas')

/** Item reads and writes take intention locks on their table; Query and Scan take the whole table shared. */
const ITEM_READS = new Set(['GetItem'])
const ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem'])
const TABLE_READS = new Set(['Query', 'Scan'])
const TABLE_CHANGES = new Set(['CreateTable', 'DeleteTable', 'UpdateTable'])
const STRENGTH = { IS: 0, IX: 1, S: 2, X: 3 }

function tableResource (tableName) {
  return 'table\u0001' + tableName
}

/** Collects {resource, mode} wants, one per resource, keeping the strongest mode asked. */
class Wants {
  constructor () {
    this.byResource = new Map()
  }

  add (resource, mode) {
    const current = this.byResource.get(resource)
    if (!current || STRENGTH[mode] > STRENGTH[current]) this.byResource.set(resource, mode)
    return this
  }

  table (tableName, mode) {
    return this.add(tableResource(tableName), mode)
  }

  item (tableName, key, keyNames, mode) {
    this.table(tableName, mode === 'X' ? 'IX' : 'IS')
    return this.add(itemIdentity(tableName, key, keyNames), mode)
  }

  list () {
    return Array.from(this.byResource, ([resource, mode]) => ({ resource, mode }))
  }
}

/** Locks of a validated transaction's actions: X (writes, condition checks) or S (gets) per item. */
function forActions (actions, mode) {
  const wants = new Wants()
  for (const action of actions) wants.item(action.tableName, action.key, action.keyNames, mode)
  return wants.list()
}

/**
 * Locks for an operation forwarded to dynalite, from its parsed request. Resolves {wants, plainWrite}; wants is
 * empty for operations that touch no data (ListTables, DescribeTable, ...) or a request too malformed to name
 * its items (dynalite then answers the validation error itself).
 */
async function forOperation (operation, request, schemas) {
  const wants = new Wants()
  if (!request || typeof request !== 'object') return { wants: [], plainWrite: false }
  try {
    if (ITEM_READS.has(operation) || ITEM_WRITES.has(operation)) {
      const keyNames = await schemas.keyNames(request.TableName)
      const write = ITEM_WRITES.has(operation)
      const source = operation === 'PutItem' ? request.Item : request.Key
      wants.item(request.TableName, keyOf(source, keyNames, operation !== 'PutItem'), keyNames, write ? 'X' : 'S')
      return { wants: wants.list(), plainWrite: write }
    }
    if (TABLE_READS.has(operation)) return { wants: wants.table(request.TableName, 'S').list(), plainWrite: false }
    if (TABLE_CHANGES.has(operation)) return { wants: wants.table(request.TableName, 'X').list(), plainWrite: false }
    if (operation === 'BatchGetItem') await batchItems(wants, request.RequestItems, schemas, 'S')
    else if (operation === 'BatchWriteItem') await batchItems(wants, request.RequestItems, schemas, 'X')
  } catch (err) {
    return { wants: [], plainWrite: false }
  }
  return { wants: wants.list(), plainWrite: false }
}

async function batchItems (wants, requestItems, schemas, mode) {
  for (const [tableName, entry] of Object.entries(requestItems || {})) {
    const keyNames = await schemas.keyNames(tableName)
    if (mode === 'S') {
      for (const key of entry.Keys || []) wants.item(tableName, keyOf(key, keyNames, true), keyNames, 'S')
    } else {
      for (const write of entry || []) {
        if (write.PutRequest) wants.item(tableName, keyOf(write.PutRequest.Item, keyNames, false), keyNames, 'X')
        else if (write.DeleteRequest) wants.item(tableName, keyOf(write.DeleteRequest.Key, keyNames, true), keyNames, 'X')
      }
    }
  }
}

module.exports = { forActions, forOperation, tableResource }
