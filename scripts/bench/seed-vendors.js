'use strict'

/*
 * Seeding (not a test): writes `--count` approved, active vendors straight into a dev store's vendors table with
 * BatchWriteItem (25 a call, 8 calls in flight), spread uniformly within ±`--span` degrees of (--lat, --lng):
 * every 5th offline, every 7th closed today by its business hours, a third "Cameroonian", the rest "Grill".
 * Deterministic for a `--seed`. With `--out FILE` it writes one JSON line per vendor (id, lat, lng, online, closed,
 * cuisine) for brute-force checks. Written this way the geo index does not hear of them: drop its marker
 * (`{<prefix>vendors}:geo:ready`) afterwards and the next nearby request rebuilds it.
 *
 *   node scripts/bench/seed-vendors.js --endpoint http://127.0.0.1:8000 [--prefix reeyo-dev-] [--count 10000]
 *        [--seed 7] [--lat 4.0511] [--lng 9.7679] [--span 0.5] [--out vendors.jsonl]
 */

const fs = require('fs')
const { call, S, useEndpoint } = require('./dev-store.js')

const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt }
const COUNT = Number(opt('count', 10000))
const SEED = Number(opt('seed', 7))
const LAT = Number(opt('lat', 4.0511))
const LNG = Number(opt('lng', 9.7679))
const SPAN = Number(opt('span', 0.5))
const TABLE = opt('prefix', '') + 'vendors'
const OUT = opt('out', null)
const IN_FLIGHT = 8
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

function random (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function vendors () {
  const next = random(SEED)
  const now = new Date().toISOString()
  const douala = new Date(Date.now() + 3600 * 1000)
  const otherDay = DAYS[(douala.getUTCDay() + 3) % 7]
  const out = []
  for (let i = 0; i < COUNT; i++) {
    const lat = LAT + (next() * 2 - 1) * SPAN
    const lng = LNG + (next() * 2 - 1) * SPAN
    const online = i % 5 !== 1
    const closed = i % 7 === 3
    const cuisine = i % 3 === 0 ? 'Cameroonian' : 'Grill'
    const id = 'vendor_seed' + String(i).padStart(6, '0') + '_' + SEED
    const item = {
      vendorId: S(id), businessName: S('Seeded ' + i), cuisine: S(cuisine), approvalStatus: S('APPROVED'),
      status: S('ACTIVE'), isOnline: { BOOL: online }, createdAt: S(now), updatedAt: S(now),
      location: { M: { lat: { N: String(lat) }, lng: { N: String(lng) } } },
    }
    if (closed) {
      item.businessHours = { M: { [otherDay]: { L: [{ M: { open: S('08:00'), close: S('09:00') } }] } } }
    }
    out.push({ item, line: { id, lat, lng, online, closed, cuisine } })
  }
  return out
}

async function write (batch) {
  let requests = { [TABLE]: batch.map(v => ({ PutRequest: { Item: v.item } })) }
  for (let attempt = 0; attempt < 10 && Object.keys(requests).length > 0; attempt++) {
    const r = await call('BatchWriteItem', { RequestItems: requests })
    requests = r.UnprocessedItems || {}
  }
  if (Object.keys(requests).length > 0) throw new Error('unprocessed items left')
}

async function main () {
  useEndpoint(opt('endpoint', 'http://127.0.0.1:8000'))
  const all = vendors()
  const started = Date.now()
  const batches = []
  for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25))
  let nextBatch = 0
  const worker = async () => { while (nextBatch < batches.length) await write(batches[nextBatch++]) }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  if (OUT) fs.writeFileSync(OUT, all.map(v => JSON.stringify(v.line)).join('\n') + '\n')
  console.log(JSON.stringify({ table: TABLE, vendors: all.length, seconds: (Date.now() - started) / 1000 }))
}

main().catch(err => { console.error(err); process.exit(1) })
