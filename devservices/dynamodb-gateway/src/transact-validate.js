'use strict'

const errors = require('./errors')
const { keyOf, itemIdentity } = require('./schemas')

const MAX_ACTIONS = 100
const WRITE_KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update']

function checkList (list) {
  if (list === undefined || list === null) {
    throw errors.validation("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: " +
      'Member must not be null')
  }
  if (!Array.isArray(list)) throw errors.validation('Start of list found where not expected')
  if (list.length < 1) {
    throw errors.validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: " +
      'Member must have length greater than or equal to 1')
  }
  if (list.length > MAX_ACTIONS) {
    throw errors.validation("1 validation error detected: Value '[" + list.length + " items]' at 'transactItems' " +
      'failed to satisfy constraint: Member must have length less than or equal to ' + MAX_ACTIONS)
  }
}

function required (value, path) {
  if (value === undefined || value === null) {
    throw errors.validation("1 validation error detected: Value null at '" + path +
      "' failed to satisfy constraint: Member must not be null")
  }
}

function checkToken (token) {
  if (token === undefined) return
  if (typeof token !== 'string' || token.length < 1 || token.length > 36) {
    throw errors.validation("1 validation error detected: Value '" + token + "' at 'clientRequestToken' failed to " +
      'satisfy constraint: Member must have length less than or equal to 36')
  }
}

/**
 * Validates a TransactWriteItems request and resolves its actions:
 * [{kind, params, tableName, key, keyNames, returnOld}], in request order.
 */
async function writeActions (request, schemas) {
  checkList(request.TransactItems)
  checkToken(request.ClientRequestToken)
  const actions = request.TransactItems.map((entry, i) => {
    const kinds = WRITE_KINDS.filter(kind => entry && entry[kind] != null)
    if (kinds.length !== 1) {
      throw errors.validation('TransactItems can only contain one of Check, Put, Update or Delete')
    }
    const kind = kinds[0]
    const params = entry[kind]
    const path = 'transactItems.' + (i + 1) + '.member.' + kind.charAt(0).toLowerCase() + kind.slice(1)
    required(params.TableName, path + '.tableName')
    if (kind === 'Put') required(params.Item, path + '.item')
    else required(params.Key, path + '.key')
    if (kind === 'Update') required(params.UpdateExpression, path + '.updateExpression')
    if (kind === 'ConditionCheck') required(params.ConditionExpression, path + '.conditionExpression')
    const onFailure = params.ReturnValuesOnConditionCheckFailure
    if (onFailure !== undefined && onFailure !== 'ALL_OLD' && onFailure !== 'NONE') {
      throw errors.validation("1 validation error detected: Value '" + onFailure + "' at '" + path +
        ".returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: " +
        '[ALL_OLD, NONE]')
    }
    return { kind, params, tableName: params.TableName, returnOld: onFailure === 'ALL_OLD' }
  })
  await resolveKeys(actions, schemas, action => action.kind === 'Put' ? action.params.Item : action.params.Key)
  return actions
}

/** Validates a TransactGetItems request and resolves its actions: [{params, tableName, key, keyNames}]. */
async function getActions (request, schemas) {
  checkList(request.TransactItems)
  const actions = request.TransactItems.map((entry, i) => {
    if (!entry || entry.Get == null || Object.keys(entry).length !== 1) {
      throw errors.validation("1 validation error detected: Value null at 'transactItems." + (i + 1) +
        ".member.get' failed to satisfy constraint: Member must not be null")
    }
    required(entry.Get.TableName, 'transactItems.' + (i + 1) + '.member.get.tableName')
    required(entry.Get.Key, 'transactItems.' + (i + 1) + '.member.get.key')
    return { kind: 'Get', params: entry.Get, tableName: entry.Get.TableName }
  })
  await resolveKeys(actions, schemas, action => action.params.Key)
  return actions
}

async function resolveKeys (actions, schemas, source) {
  const seen = new Set()
  for (const action of actions) {
    action.keyNames = await schemas.keyNames(action.tableName)
    action.key = keyOf(source(action), action.keyNames, action.kind !== 'Put')
    const identity = itemIdentity(action.tableName, action.key, action.keyNames)
    if (seen.has(identity)) {
      throw errors.validation('Transaction request cannot include multiple operations on one item')
    }
    seen.add(identity)
  }
}

module.exports = { writeActions, getActions, MAX_ACTIONS }
