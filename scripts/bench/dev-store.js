'use strict'

/*
 * Benchmark (not a test): the dev store's footprint under order lifecycles, driven straight at the DynamoDB
 * gateway (no platform). Starts the gateway on a free port (data in a fresh temporary folder, or in memory with
 * --store memory), creates an orders table with the platform's five GSIs, an outbox table with its status index
 * and an idempotency table with TTL, then runs lifecycles with `--concurrency` in flight: the order put, five
 * conditional status updates appending to its timeline (one sets the rider), an outbox row put and marked sent,
 * an idempotency row that expires after `--ttl-seconds`, two reads. Pollers query the status indexes with a
 * Limit every 200 ms, as the engines do. Every `--every` orders it prints the gateway's resident memory, the
 * folder's size on disk, the live item count and the rate. Bounded by --orders and --seconds.
 *
 *   node scripts/bench/dev-store.js [--orders 20000] [--concurrency 16] [--every 2000] [--seconds 900]
 *        [--store disk|memory] [--ttl-seconds 30] [--gateway-args "--ttl-sweep-ms 1000"]
 */

const { spawn } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const http = require('http')

const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt }
const ORDERS = Number(opt('orders', 20000))
const CONCURRENCY = Number(opt('concurrency', 16))
const EVERY = Number(opt('every', 2000))
const SECONDS = Number(opt('seconds', 900))
const STORE = opt('store', 'disk')
const TTL_SECONDS = Number(opt('ttl-seconds', 30))
const POLLERS = !args.includes('--no-pollers')
const GATEWAY_ARGS = (opt('gateway-args', '') || '').split(/\s+/).filter(Boolean)
const ROOT = path.resolve(__dirname, '..', '..')

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4 })
let port

function call (op, payload) {
  const body = JSON.stringify(payload)
  return new Promise((resolve, reject) => {
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
      res.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString() || '{}')
        if (res.statusCode !== 200) reject(new Error(op + ': ' + res.statusCode + ' ' + JSON.stringify(parsed)))
        else resolve(parsed)
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const S = v => ({ S: String(v) })
const N = v => ({ N: String(v) })

function gsi (name, hash, range) {
  const keys = [{ AttributeName: hash, KeyType: 'HASH' }]
  if (range) keys.push({ AttributeName: range, KeyType: 'RANGE' })
  return { IndexName: name, KeySchema: keys, Projection: { ProjectionType: 'ALL' } }
}

async function createTables () {
  await call('CreateTable', {
    TableName: 'orders', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['orderId', 'userId', 'vendorId', 'riderId', 'status', 'createdDay', 'createdAt']
      .map(a => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [gsi('userId-index', 'userId', 'createdAt'), gsi('vendorId-index', 'vendorId', 'createdAt'),
      gsi('riderId-index', 'riderId', 'createdAt'), gsi('status-index', 'status', 'createdAt'),
      gsi('createdAt-index', 'createdDay', 'createdAt')],
  })
  await call('CreateTable', {
    TableName: 'outbox', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'messageId', AttributeType: 'S' }, { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'nextAttemptAt', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'messageId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [gsi('status-index', 'status', 'nextAttemptAt')],
  })
  await call('CreateTable', {
    TableName: 'idempotency', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
  })
  await call('UpdateTimeToLive', { TableName: 'idempotency', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } })
}

function orderItem (i, now) {
  const lines = []
  for (let k = 0; k < 3; k++) {
    lines.push({ M: { itemId: S('menu_' + (i % 97) + '_' + k), name: S('Ndolé with plantains, large portion ' + k),
      quantity: N(1 + k), unitPrice: N(2500 + k * 500), notes: S('no pepper please, extra sauce on the side') } })
  }
  return {
    orderId: S('order_' + i), userId: S('user_' + (i % 500)), vendorId: S('vendor_' + (i % 40)),
    status: S('PLACED'), createdAt: S(now), createdDay: S(now.slice(0, 10)), updatedAt: S(now),
    items: { L: lines }, subtotal: N(15000), deliveryFee: N(2000), total: N(17000), paymentMethod: S('CASH'),
    deliveryAddress: { M: { street: S('Rue de la Joie, Akwa'), city: S('Douala'), lat: N(4.0511), lng: N(9.7679),
      instructions: S('Blue gate next to the pharmacy, call on arrival') } },
    timeline: { L: [{ M: { status: S('PLACED'), at: S(now), by: S('user_' + (i % 500)) } }] },
  }
}

async function transition (i, from, to, extra) {
  const now = new Date().toISOString()
  const names = { '#s': 'status' }
  const values = { ':from': S(from), ':to': S(to), ':now': S(now),
    ':e': { L: [{ M: { status: S(to), at: S(now), by: S('actor_' + (i % 40)) } }] } }
  let set = 'SET #s = :to, updatedAt = :now, timeline = list_append(timeline, :e)'
  if (extra) {
    set += ', riderId = :r'
    values[':r'] = S(extra)
  }
  await call('UpdateItem', { TableName: 'orders', Key: { orderId: S('order_' + i) }, UpdateExpression: set,
    ConditionExpression: '#s = :from', ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW' })
}

async function lifecycle (i) {
  const now = new Date().toISOString()
  await call('PutItem', { TableName: 'orders', Item: orderItem(i, now), ConditionExpression: 'attribute_not_exists(orderId)' })
  await call('PutItem', { TableName: 'idempotency', Item: { key: S('place#order_' + i), result: S('{"orderId":"order_' + i + '"}'),
    expiresAt: N(Math.floor(Date.now() / 1000) + TTL_SECONDS) } })
  await call('PutItem', { TableName: 'outbox', Item: { messageId: S('msg_' + i), status: S('PENDING'),
    nextAttemptAt: N(Date.now()), channel: S('SMS'), body: S('Your order order_' + i + ' is confirmed') } })
  await transition(i, 'PLACED', 'ACCEPTED')
  await call('GetItem', { TableName: 'orders', Key: { orderId: S('order_' + i) }, ConsistentRead: true })
  await transition(i, 'ACCEPTED', 'READY')
  await transition(i, 'READY', 'READY', 'rider_' + (i % 60))
  await transition(i, 'READY', 'PICKED_UP')
  await transition(i, 'PICKED_UP', 'DELIVERED')
  await call('UpdateItem', { TableName: 'outbox', Key: { messageId: S('msg_' + i) }, UpdateExpression: 'SET #s = :s',
    ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': S('SENT') } })
  await call('GetItem', { TableName: 'orders', Key: { orderId: S('order_' + i) }, ConsistentRead: true })
}

function rssMb (pid) {
  const status = fs.readFileSync('/proc/' + pid + '/status', 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024
}

function diskMb (dir) {
  if (!dir) return 0
  let total = 0
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name)
    const stat = fs.statSync(file)
    total += stat.isDirectory() ? diskMb(file) * 1024 * 1024 : stat.size
  }
  return total / 1024 / 1024
}

async function main () {
  const dir = STORE === 'disk' ? fs.mkdtempSync(path.join(os.tmpdir(), 'reeyo-dev-store-')) : null
  const gatewayArgs = ['--port', '0'].concat(dir ? ['--path', dir] : []).concat(GATEWAY_ARGS)
  const child = spawn(process.execPath, [path.join(ROOT, 'devservices/dynamodb-gateway/src/main.js')].concat(gatewayArgs),
    { stdio: ['ignore', 'pipe', 'inherit'] })
  port = await new Promise(resolve => child.stdout.on('data', d => {
    const m = /READY (\d+)/.exec(d.toString())
    if (m) resolve(Number(m[1]))
  }))
  console.log('gateway ' + gatewayArgs.join(' ') + ' | orders ' + ORDERS + ', concurrency ' + CONCURRENCY)
  console.log('orders   seconds  orders/s  rss_mb  disk_mb  idem_items')
  let stopping = false
  const pollers = setInterval(() => {
    if (stopping || !POLLERS) return
    call('Query', { TableName: 'outbox', IndexName: 'status-index', KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': S('PENDING') }, Limit: 25 }).catch(() => {})
    call('Query', { TableName: 'orders', IndexName: 'status-index', KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': S('PLACED') }, Limit: 20 }).catch(() => {})
  }, 200)
  try {
    await createTables()
    const started = Date.now()
    const deadline = started + SECONDS * 1000
    let next = 0
    let done = 0
    let lastMark = started
    const report = async () => {
      const now = Date.now()
      const idem = await call('Scan', { TableName: 'idempotency', Select: 'COUNT' })
      console.log(String(done).padStart(6) + String(((now - started) / 1000).toFixed(0)).padStart(10) +
        String((EVERY / ((now - lastMark) / 1000)).toFixed(0)).padStart(10) + rssMb(child.pid).toFixed(0).padStart(8) +
        diskMb(dir).toFixed(0).padStart(9) + String(idem.Count).padStart(12))
      lastMark = now
    }
    await report()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < ORDERS && Date.now() < deadline) {
        await lifecycle(next++)
        done++
        if (done % EVERY === 0) await report()
      }
    }))
    stopping = true
    if (done % EVERY !== 0) await report()
  } finally {
    clearInterval(pollers)
    child.kill('SIGTERM')
    agent.destroy()
    await new Promise(resolve => child.once('exit', resolve))
    if (dir && args.includes('--keep')) console.log('kept ' + dir)
    else if (dir) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The DynamoDB JSON client above, for other bench scripts: `connect(port)` or `useEndpoint('http://127.0.0.1:8000')`
 * once, then `call(op, payload)`.
 */
module.exports = {
  call, S, N, gsi,
  connect: p => { port = p },
  useEndpoint: endpoint => { port = Number(new URL(endpoint).port) }
}

if (require.main === module) main().catch(err => { console.error(err); process.exit(1) })
