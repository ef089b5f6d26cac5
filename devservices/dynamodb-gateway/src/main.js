'use strict'

/*
 * Dev/test DynamoDB endpoint: dynalite (in this process, on an internal loopback port) behind a
 * gateway that adds TransactWriteItems, TransactGetItems and the TTL operations.
 * Production uses Amazon DynamoDB; this exists only for development and tests.
 *
 *   node devservices/dynamodb-gateway/src/main.js --port <P> [--host 127.0.0.1] [--path <dir>]
 *        [--lock-wait-ms 5000] [--global-lock] [--ttl-sweep-ms 5000] [--ttl-sweep-batch 200]
 *        [--fault-conflict-rate <0..1>] [--fault-error-rate <0..1>] [--fault-hold-max-ms <ms>]
 *
 * The environment variable DYNAMODB_GATEWAY_GLOBAL_LOCK=1 has the effect of --global-lock (benchmark baseline).
 *
 * Prints "READY <port>" on stdout once it serves (--port 0 picks a free port).
 */

const fs = require('fs')

function usage (message) {
  console.error('dynamodb-gateway: ' + message)
  console.error('usage: node devservices/dynamodb-gateway/src/main.js --port <P> [--host 127.0.0.1] [--path <dir>] ' +
    '[--lock-wait-ms <ms>] [--global-lock] [--ttl-sweep-ms <ms>] [--ttl-sweep-batch <n>] ' +
    '[--fault-conflict-rate <0..1>] [--fault-error-rate <0..1>] [--fault-hold-max-ms <ms>]')
  process.exit(2)
}

function parseArgs (argv) {
  const options = {
    host: '127.0.0.1',
    path: null,
    conflictRate: 0,
    errorRate: 0,
    port: null,
    lockWaitMs: 5000,
    globalLock: process.env.DYNAMODB_GATEWAY_GLOBAL_LOCK === '1',
    holdMaxMs: 0,
    ttlSweepMs: 5000,
    ttlSweepBatch: 200,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    if (flag === '--global-lock') {
      options.globalLock = true
      continue
    }
    const value = argv[i + 1]
    if (value === undefined) usage('missing value for ' + flag)
    i++
    if (flag === '--port') options.port = Number(value)
    else if (flag === '--host') options.host = value
    else if (flag === '--path') options.path = value
    else if (flag === '--fault-conflict-rate') options.conflictRate = rate(flag, value)
    else if (flag === '--fault-error-rate') options.errorRate = rate(flag, value)
    else if (flag === '--fault-hold-max-ms') options.holdMaxMs = count(flag, value)
    else if (flag === '--lock-wait-ms') options.lockWaitMs = count(flag, value)
    else if (flag === '--ttl-sweep-ms') options.ttlSweepMs = count(flag, value)
    else if (flag === '--ttl-sweep-batch') options.ttlSweepBatch = count(flag, value)
    else usage('unknown flag ' + flag)
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) usage('--port <P> is required')
  return options
}

function rate (flag, value) {
  const n = Number(value)
  if (!(n >= 0 && n <= 1)) usage(flag + ' must be a number between 0 and 1')
  return n
}

function count (flag, value) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) usage(flag + ' must be a whole number >= 0')
  return n
}

function loadDynalite () {
  try {
    return require('dynalite')
  } catch (e) {
    console.error('dynamodb-gateway: dynalite is not installed. Run: npm ci --prefix devservices/dynamodb-gateway')
    process.exit(3)
  }
}

async function main () {
  const options = parseArgs(process.argv.slice(2))
  const dynalite = loadDynalite()
  require('./level-fixes').closeIteratorsOnReturn()
  const { Upstream } = require('./upstream')
  const { Gateway } = require('./gateway')
  const { Journal } = require('./journal')
  const { Faults } = require('./faults')

  if (options.path) fs.mkdirSync(options.path, { recursive: true })
  const dynaliteOptions = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }
  if (options.path) dynaliteOptions.path = options.path
  const store = dynalite(dynaliteOptions)
  await new Promise((resolve, reject) => {
    store.once('error', reject)
    store.listen(0, '127.0.0.1', resolve)
  })
  const upstream = new Upstream(store.address().port)
  const journal = new Journal(options.path)
  const recovered = await journal.recover(upstream)
  if (recovered > 0) console.error('dynamodb-gateway: rolled back ' + recovered + ' item(s) of an interrupted transaction')

  const gateway = new Gateway({
    upstream,
    journal,
    faults: new Faults(options.conflictRate, options.errorRate),
    dataDir: options.path,
    globalLock: options.globalLock,
    lockWaitMs: options.lockWaitMs,
    holdMaxMs: options.holdMaxMs,
    ttlSweep: { intervalMs: options.ttlSweepMs, batch: Math.max(1, options.ttlSweepBatch) },
  })
  const port = await gateway.listen(options.port, options.host)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    setTimeout(() => process.exit(1), 10000).unref()
    await gateway.close()
    upstream.close()
    await new Promise(resolve => store.close(() => resolve()))
    process.exit(0)
  }
  process.on('uncaughtException', err => {
    if (stopping && /Database is closed/.test(String(err && err.message))) process.exit(0)
    console.error('dynamodb-gateway: fatal: ' + (err && err.stack ? err.stack : err))
    process.exit(1)
  })
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.stdout.write('READY ' + port + '\n')
}

main().catch(err => {
  console.error('dynamodb-gateway: failed to start: ' + (err && err.stack ? err.stack : err))
  process.exit(1)
})
