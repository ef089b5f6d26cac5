'use strict'

/**
 * Reads the items of a TransactGetItems request. Must run while the gateway holds a shared lock on every item so the
 * answer is one consistent snapshot (no write to those items runs meanwhile).
 */
async function readSnapshot (upstream, actions) {
  const responses = await Promise.all(actions.map(async action => {
    const p = action.params
    const request = { TableName: action.tableName, Key: p.Key, ConsistentRead: true }
    if (p.ProjectionExpression !== undefined) request.ProjectionExpression = p.ProjectionExpression
    if (p.ExpressionAttributeNames !== undefined) request.ExpressionAttributeNames = p.ExpressionAttributeNames
    const answer = await upstream.call('GetItem', request)
    return answer.Item ? { Item: answer.Item } : {}
  }))
  return { Responses: responses }
}

module.exports = { readSnapshot }
