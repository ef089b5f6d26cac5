'use strict'

/*
 * Benchmark (not a test): raw TransactWriteItems of the wallet-settlement shape (4 wallet balance updates, 4 ledger
 * entry puts, 2 idempotency/marker puts = 10 actions) on the DynamoDB gateway with its former single global lock
 * (--global-lock) and with per-item locks, alternating A B A B in one run so machine drift hits both alike.
 * Two workloads: "disjoint" (every transaction on its own wallets, as SettlementBench's raw figure) and
 * "platform-like" (wallets drawn from 16 escrow shards, 40 vendors, 40 riders, 8 revenue shards, so some
 * transactions share items and must queue). Prints tx/s per round, the medians, the ratio per-item / global and
 * the gateway's own CPU time per committed transaction (user + system, from /proc), which the machine's load
 * does not distort.
 *
 *   node scripts/bench/gateway-twi.js [--seconds 8] [--concurrency 32] [--rounds 2] [--disk]
 * (--disk: each gateway on a fresh --path folder, LevelDB on disk, instead of the in-memory store)
 */

const { spawn } = require('child_process')
const path = require('path')
const http = require('http')

const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? Number(args[i + 1]) : dflt }
const SECONDS = opt('seconds', 8)
const CONCURRENCY = opt('concurrency', 32)
const ROUNDS = opt('rounds', 2)
const DISK = args.includes('--disk')
const MAIN = path.resolve(__dirname, '..', '..', 'devservices/dynamodb-gateway/src/main.js')

function client (port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4 })
  const call = (op, payload) => new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST', path: '/', agent,
      headers: {
        'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.' + op,
        'x-amz-date': '20200101T000000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=a/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
    }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(payload))
  })
  return { call, close: () => agent.destroy() }
}

async function startGateway (flags) {
  const dir = DISK ? require('fs').mkdtempSync(path.join(require('os').tmpdir(), 'reeyo-twi-')) : null
  const store = dir ? ['--path', dir] : []
  const child = spawn(process.execPath, [MAIN, '--port', '0'].concat(store, flags), { stdio: ['ignore', 'pipe', 'inherit'] })
  if (dir) child.once('exit', () => require('fs').rmSync(dir, { recursive: true, force: true }))
  const port = await new Promise(resolve => child.stdout.on('data', d => {
    const m = /READY (\d+)/.exec(d.toString())
    if (m) resolve(Number(m[1]))
  }))
  return { child, port }
}

const S = v => ({ S: String(v) })
const N = v => ({ N: String(v) })

async function createTables (call) {
  for (const [name, key] of [['wallets', 'walletId'], ['transactions', 'transactionId'], ['idempotency', 'key']]) {
    await call('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }], KeySchema: [{ AttributeName: key, KeyType: 'HASH' }] })
  }
}

/** The settlement's 10 actions over the four wallets given. */
function settlement (i, wallets, tag) {
  const items = []
  wallets.forEach((walletId, w) => {
    items.push({ Update: { TableName: 'wallets', Key: { walletId: S(walletId) },
      UpdateExpression: 'ADD #b :a SET updatedAt = :now', ExpressionAttributeNames: { '#b': 'balance' },
      ExpressionAttributeValues: { ':a': N(w === 0 ? -17000 : 5000), ':now': S(new Date().toISOString()) } } })
    items.push({ Put: { TableName: 'transactions', ConditionExpression: 'attribute_not_exists(transactionId)',
      Item: { transactionId: S(tag + i + '#' + w), walletId: S(walletId), amount: N(5000), type: S(w === 0 ? 'DEBIT' : 'CREDIT'),
        createdAt: S('2026-01-01T00:00:00Z'), createdDay: S('2026-01-01'), description: S('Order settlement') } } })
  })
  for (const k of ['settle#', 'closed#']) {
    items.push({ Put: { TableName: 'idempotency', ConditionExpression: 'attribute_not_exists(#k)',
      ExpressionAttributeNames: { '#k': 'key' }, Item: { key: S(k + tag + i), result: S('{"ok":true}') } } })
  }
  return { TransactItems: items }
}

const WORKLOADS = {
  disjoint: i => ['raw_' + i + '_0', 'raw_' + i + '_1', 'raw_' + i + '_2', 'raw_' + i + '_3'],
  'platform-like': i => ['sys_escrow#' + (i % 16), 'wallet_vendor_' + (i * 7 % 40), 'wallet_rider_' + (i * 13 % 40),
    'sys_revenue#' + (i % 8)],
}

async function measure (call, workload, tag) {
  let next = 0
  let ok = 0
  let cancelled = 0
  const deadline = Date.now() + SECONDS * 1000
  const started = Date.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < deadline) {
      const i = next++
      const answer = await call('TransactWriteItems', settlement(i, WORKLOADS[workload](i), tag))
      if (answer.status === 200) ok++
      else cancelled++
    }
  }))
  return { rate: ok / ((Date.now() - started) / 1000), ok, cancelled }
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds (pid) {
  const fields = require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

const median = xs => { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)] }

async function main () {
  const modes = { global: ['--global-lock'], 'per-item': [] }
  const results = {}
  console.log('TransactWriteItems, 10 actions (wallet-settlement shape), concurrency ' + CONCURRENCY + ', ' + SECONDS +
    ' s per round, store ' + (DISK ? 'on disk' : 'in memory'))
  for (let round = 1; round <= ROUNDS; round++) {
    for (const workload of Object.keys(WORKLOADS)) {
      for (const [mode, flags] of Object.entries(modes)) {
        const { child, port } = await startGateway(flags)
        const c = client(port)
        try {
          await createTables(c.call)
          const cpuBefore = cpuSeconds(child.pid)
          const r = await measure(c.call, workload, 'r' + round)
          const cpuMs = (cpuSeconds(child.pid) - cpuBefore) * 1000 / Math.max(1, r.ok)
          const list = results[workload + ' ' + mode] || (results[workload + ' ' + mode] = [])
          list.push(r.rate)
          const cpu = results[workload + ' ' + mode + ' cpu'] || (results[workload + ' ' + mode + ' cpu'] = [])
          cpu.push(cpuMs)
          console.log('round ' + round + '  ' + workload.padEnd(14) + mode.padEnd(9) + r.rate.toFixed(0).padStart(6) +
            ' tx/s  (' + r.ok + ' committed, ' + r.cancelled + ' cancelled, gateway CPU ' + cpuMs.toFixed(1) + ' ms/tx)')
        } finally {
          c.close()
          child.kill('SIGTERM')
          await new Promise(resolve => child.once('exit', resolve))
        }
      }
    }
  }
  for (const workload of Object.keys(WORKLOADS)) {
    const g = median(results[workload + ' global'])
    const p = median(results[workload + ' per-item'])
    console.log('RESULT ' + workload + ': global ' + g.toFixed(0) + ' tx/s, per-item ' + p.toFixed(0) +
      ' tx/s, ratio per-item/global ' + (p / g).toFixed(2) + '; gateway CPU per tx ' +
      median(results[workload + ' global cpu']).toFixed(1) + ' / ' + median(results[workload + ' per-item cpu']).toFixed(1) + ' ms')
  }
}

main().catch(err => { console.error(err); process.exit(1) })
