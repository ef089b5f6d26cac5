'use strict'

const DYNAMO = 'com.amazonaws.dynamodb.v20120810#'
const VALIDATE = 'com.amazon.coral.validate#'

/** An error answer in DynamoDB's JSON-protocol wire format. */
class DynamoError extends Error {
  constructor (status, type, message, extra) {
    super(message)
    this.status = status
    this.body = Object.assign({ __type: type, message }, extra || {})
  }
}

function validation (message) {
  return new DynamoError(400, VALIDATE + 'ValidationException', message)
}

function resourceNotFound (message) {
  return new DynamoError(400, DYNAMO + 'ResourceNotFoundException', message || 'Requested resource not found')
}

function internal (message) {
  return new DynamoError(500, DYNAMO + 'InternalServerError', message || 'Internal server error')
}

function throttling () {
  return new DynamoError(400, DYNAMO + 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.')
}

function idempotentMismatch () {
  return new DynamoError(400, DYNAMO + 'IdempotentParameterMismatchException',
    'Request token was already used with different request parameters.')
}

function transactionInProgress () {
  return new DynamoError(400, DYNAMO + 'TransactionInProgressException',
    'The transaction with the given request token is already in progress.')
}

function transactionConflict () {
  return new DynamoError(400, DYNAMO + 'TransactionConflictException',
    'Transaction is ongoing for the item')
}

/** reasons: one {Code, Message?, Item?} per action, in request order. */
function transactionCanceled (reasons) {
  const codes = reasons.map(r => r.Code).join(', ')
  return new DynamoError(400, DYNAMO + 'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [' + codes + ']',
    { CancellationReasons: reasons })
}

/** Wraps an error answer received from dynalite. */
function fromUpstream (status, body) {
  const type = (body && body.__type) || DYNAMO + 'InternalServerError'
  const message = (body && (body.message || body.Message)) || ''
  return new DynamoError(status, type, message)
}

function shortType (err) {
  const type = err.body.__type || ''
  return type.slice(type.indexOf('#') + 1)
}

module.exports = {
  DynamoError,
  validation,
  resourceNotFound,
  internal,
  throttling,
  idempotentMismatch,
  transactionInProgress,
  transactionConflict,
  transactionCanceled,
  fromUpstream,
  shortType,
}
