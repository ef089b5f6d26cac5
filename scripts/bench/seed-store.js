'use strict'

/*
 * Seeds the dev store directly (no platform), through the JSON client of dev-store.js, for the data-path
 * benchmarks of issue 22. Tables are created when missing, with the platform's names (prefix included) and GSIs.
 *
 *   node scripts/bench/seed-store.js orders --port P --prefix bench- --count 50000 [--day YYYY-MM-DD] [--concurrency 16]
 *     orders created that day with the platform's fields (status spread over the lifecycle, delivered ones with a
 *     timeline), as the order engine writes them, but WITHOUT the day counters: the repair job builds those.
 *   node scripts/bench/seed-store.js ledger --port P --prefix bench- --count 1000000 [--wallets 2000] [--days 10]
 *     a consistent double-entry ledger: two-leg transfers between random wallets (an external account pays in),
 *     each entry with seq, balanceBefore/After, legs, spread over the last `--days` days; then the wallet items.
 *
 * Prints progress and the rate; exits non-zero on any store error.
 */

const { call, connect, S, N, gsi } = require('./dev-store.js')

const args = process.argv.slice(2)
const what = args[0]
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt }
const PREFIX = opt('prefix', 'bench-')
const COUNT = Number(opt('count', what === 'ledger' ? 1000000 : 50000))
const CONCURRENCY = Number(opt('concurrency', 16))
connect(Number(opt('port')))

async function ensureTable (name, attributes, indexes) {
  const table = PREFIX + name
  try {
    await call('DescribeTable', { TableName: table })
    return
  } catch (e) { /* create it */ }
  const keyAttr = Object.keys(attributes)[0]
  await call('CreateTable', {
    TableName: table, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: Object.entries(attributes).map(([a, t]) => ({ AttributeName: a, AttributeType: t })),
    KeySchema: [{ AttributeName: keyAttr, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: indexes.length ? indexes : undefined,
  })
}

async function batchPut (table, items) {
  let request = { [PREFIX + table]: items.map(Item => ({ PutRequest: { Item } })) }
  for (let attempt = 0; attempt < 50 && Object.keys(request).length; attempt++) {
    try {
      const r = await call('BatchWriteItem', { RequestItems: request })
      request = r.UnprocessedItems || {}
    } catch (e) {
      if (attempt >= 10) throw e
      await new Promise(resolve => setTimeout(resolve, 200 * (attempt + 1)))
    }
  }
  if (Object.keys(request).length) throw new Error('unprocessed items left')
}

/** Runs `produce(i)` (an array of items) for i in [0, n) in batches of 25 with CONCURRENCY writers. */
async function write (table, n, produce, label) {
  const started = Date.now()
  let next = 0
  let done = 0
  let lastReport = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) {
      const from = next
      next = Math.min(n, next + 25)
      const items = []
      for (let i = from; i < next; i++) items.push(produce(i))
      await batchPut(table, items)
      done += items.length
      if (done - lastReport >= 50000) {
        lastReport = done
        console.log(`${label} ${done}  ${((Date.now() - started) / 1000).toFixed(0)} s  ${(done / ((Date.now() - started) / 1000)).toFixed(0)}/s`)
      }
    }
  }))
  const s = (Date.now() - started) / 1000
  console.log(`${label} ${n} written in ${s.toFixed(1)} s (${(n / s).toFixed(0)}/s)`)
}

const STATUSES = ['PENDING', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'CANCELLED', 'REJECTED']

function iso (ms) {
  return new Date(ms).toISOString().replace('Z', '000Z')
}

function orderItem (i, day) {
  const base = Date.parse(day + 'T06:00:00Z') + i * 600
  const status = STATUSES[i % STATUSES.length]
  const created = iso(base)
  const timeline = [{ M: { status: S('PENDING'), at: S(created), by: S('user_' + (i % 500)), role: S('USER') } }]
  const order = {
    orderId: S('order_bench_' + i), userId: S('user_' + (i % 500)), vendorId: S('vendor_' + (i % 40)),
    status: S(status), paymentMethod: S('CASH'), paymentStatus: S('CASH_ON_DELIVERY'),
    subtotal: N(15000), deliveryFee: N(2000), total: N(17000), distance: N(3.2),
    items: { L: [{ M: { itemId: S('menu_' + (i % 97)), name: S('Ndolé with plantains'), price: N(5000), quantity: N(3), lineTotal: N(15000) } }] },
    deliveryAddress: { M: { line1: S('Rue de la Joie, Akwa'), city: S('Douala'), lat: N(4.0511), lng: N(9.7679) } },
    createdAt: S(created), createdDay: S(day), updatedAt: S(created), timeline: { L: timeline },
  }
  if (status === 'DELIVERED') {
    const delivered = iso(base + (25 + (i % 20)) * 60000)
    order.deliveredAt = S(delivered)
    timeline.push({ M: { status: S('DELIVERED'), at: S(delivered), by: S('rider_' + (i % 60)), role: S('RIDER') } })
  }
  return order
}

async function seedOrders () {
  const day = opt('day', new Date().toISOString().slice(0, 10))
  await ensureTable('orders', { orderId: 'S', userId: 'S', vendorId: 'S', riderId: 'S', status: 'S', createdDay: 'S', createdAt: 'S' },
    [gsi('userId-index', 'userId', 'createdAt'), gsi('vendorId-index', 'vendorId', 'createdAt'),
      gsi('riderId-index', 'riderId', 'createdAt'), gsi('status-index', 'status', 'createdAt'),
      gsi('createdAt-index', 'createdDay', 'createdAt')])
  await write('orders', COUNT, i => orderItem(i, day), 'orders')
  const byStatus = {}
  for (let i = 0; i < COUNT; i++) byStatus[STATUSES[i % STATUSES.length]] = (byStatus[STATUSES[i % STATUSES.length]] || 0) + 1
  console.log('SEEDED ' + JSON.stringify({ day, total: COUNT, byStatus }))
}

async function seedLedger () {
  const WALLETS = Number(opt('wallets', 2000))
  const DAYS = Number(opt('days', 10))
  await ensureTable('wallets', { walletId: 'S', ownerId: 'S' }, [gsi('owner-index', 'ownerId')])
  await ensureTable('transactions', { transactionId: 'S', walletId: 'S', createdAt: 'S', createdDay: 'S' },
    [gsi('walletId-index', 'walletId', 'createdAt'), gsi('createdAt-index', 'createdDay', 'createdAt')])
  // The engine runs the bench with createTables off (DescribeTable on a table of a million items is slow in dynalite).
  await ensureTable('reconciliation', { name: 'S' }, [])
  await ensureTable('audit', { auditId: 'S', day: 'S', createdAt: 'S', actorId: 'S' },
    [gsi('day-index', 'day', 'createdAt'), gsi('actor-index', 'actorId', 'createdAt')])
  const ids = ['sys_external_campay']
  for (let w = 1; w < WALLETS; w++) ids.push('wallet_user_bench_' + w)
  const balance = new Array(WALLETS).fill(0)
  const version = new Array(WALLETS).fill(0)
  const firstAt = new Array(WALLETS).fill(null)
  const start = Date.now() - DAYS * 86400000 - 120000
  const step = (DAYS * 86400000) / (COUNT / 2)
  let seed = 42
  const random = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  const leg = (t, w, signed, at) => {
    const before = balance[w]
    balance[w] += signed
    version[w] += 1
    if (firstAt[w] === null) firstAt[w] = at
    return {
      transactionId: S('tr_bench_' + t + '#' + (signed > 0 ? 1 : 0)), transferId: S('tr_bench_' + t), walletId: S(ids[w]),
      ownerId: S(ids[w]), type: S(signed > 0 ? 'CREDIT' : 'DEBIT'), amount: N(Math.abs(signed)),
      balanceBefore: N(before), balanceAfter: N(balance[w]), seq: N(version[w]), legs: N(2), kind: S('BENCH'),
      reference: S('bench'), currency: S('XAF'), createdAt: S(at), createdDay: S(at.slice(0, 10)),
    }
  }
  // Entries are generated in time order, two per transfer; the writers only batch them.
  await write('transactions', COUNT, i => {
    const t = Math.floor(i / 2)
    if (i % 2 === 0) {
      const at = iso(start + Math.floor(t * step))
      const from = t % 3 === 0 ? 0 : 1 + random(WALLETS - 1)
      let to = 1 + random(WALLETS - 1)
      if (to === from) to = 1 + (to % (WALLETS - 1))
      const amount = 100 + random(5000)
      const debit = leg(t, from, -amount, at)
      leg.pending = leg(t, to, amount, at)
      return debit
    }
    const credit = leg.pending
    leg.pending = null
    return credit
  }, 'entries')
  await write('wallets', WALLETS, w => ({
    walletId: S(ids[w]), ownerId: S(w === 0 ? 'PLATFORM' : ids[w]), ownerType: S(w === 0 ? 'PLATFORM' : 'USER'),
    balance: N(balance[w]), version: N(version[w]), currency: S('XAF'),
    createdAt: S(firstAt[w] || iso(start)), updatedAt: S(iso(Date.now())),
  }), 'wallets')
  console.log('SEEDED ' + JSON.stringify({ entries: COUNT, wallets: WALLETS, days: DAYS, sum: balance.reduce((a, b) => a + b, 0) }))
}

(what === 'orders' ? seedOrders() : what === 'ledger' ? seedLedger() : Promise.reject(new Error('orders or ledger')))
  .then(() => process.exit(0), err => { console.error(err); process.exit(1) })
