'use strict'

/*
 * Manual throughput probe (not a test): starts the gateway in a child process on a free port and
 * measures TransactWriteItems per second (2 actions: conditional debit + ledger Put) at a given
 * concurrency, plus plain PutItem and GetItem rates for comparison.
 *
 *   node devservices/dynamodb-gateway/bench/bench.js [--concurrency 16] [--seconds 5] [--actions 2]
 */

const { spawn } = require('child_process')
const path = require('path')
const http = require('http')

const args = process.argv.slice(2)
const opt = name => { const i = args.indexOf('--' + name); return i >= 0 ? Number(args[i + 1]) : undefined }
const CONCURRENCY = opt('concurrency') || 16
const SECONDS = opt('seconds') || 5
const ACTIONS = opt('actions') || 2

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 })
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
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function run (label, makeRequest) {
  let done = 0, failed = 0, seq = 0
  const deadline = Date.now() + SECONDS * 1000
  const started = Date.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < deadline) {
      const [op, payload] = makeRequest(seq++)
      const answer = await call(op, payload)
      if (answer.status === 200) done++
      else failed++
    }
  }))
  const secs = (Date.now() - started) / 1000
  console.log(label.padEnd(44) + (done / secs).toFixed(0).padStart(6) + ' ops/s  (' + done + ' ok, ' + failed +
    ' failed, concurrency ' + CONCURRENCY + ')')
}

async function main () {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'main.js'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] })
  port = await new Promise(resolve => child.stdout.on('data', d => {
    const m = /READY (\d+)/.exec(d.toString())
    if (m) resolve(Number(m[1]))
  }))
  try {
    await call('CreateTable', {
      TableName: 'bench', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    })
    await call('PutItem', { TableName: 'bench', Item: { pk: { S: 'wallet' }, balance: { N: '1000000000' } } })
    await run('PutItem', i => ['PutItem', { TableName: 'bench', Item: { pk: { S: 'p' + i } } }])
    await run('GetItem', i => ['GetItem', { TableName: 'bench', Key: { pk: { S: 'p' + i } } }])
    await run('TransactWriteItems (' + ACTIONS + ' actions, debit + puts)', i => {
      const items = [{
        Update: {
          TableName: 'bench', Key: { pk: { S: 'wallet' } }, UpdateExpression: 'SET balance = balance - :a',
          ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':a': { N: '1' } },
        },
      }]
      for (let k = 1; k < ACTIONS; k++) items.push({ Put: { TableName: 'bench', Item: { pk: { S: 'l' + i + '-' + k } } } })
      return ['TransactWriteItems', { TransactItems: items }]
    })
  } finally {
    child.kill('SIGTERM')
    agent.destroy()
  }
}

main().catch(err => { console.error(err); process.exit(1) })
