'use strict'

const fs = require('fs')
const path = require('path')
const { restore } = require('./transact-write')

const DIR_NAME = 'gateway-undo'
const LEGACY_FILE = 'gateway-undo.json'

/**
 * Undo journal for persistent mode (--path): before a transaction writes anything, its before-images are
 * written and fsynced to a file of its own (transactions on disjoint items run concurrently), removed again
 * once the transaction committed or rolled back. If the process dies mid-transaction, the next start restores
 * the before-images of every file left. Without --path the journal does nothing (the data dies with the
 * process anyway). Nothing is kept in memory once a transaction ended.
 */
class Journal {
  constructor (dir) {
    this.dir = dir ? path.join(dir, DIR_NAME) : null
    this.legacy = dir ? path.join(dir, LEGACY_FILE) : null
    this.sequence = 0
    if (this.dir) fs.mkdirSync(this.dir, { recursive: true })
  }

  /** Resolves a handle to pass to end() once the before-images are durable. */
  async begin (entries) {
    if (!this.dir) return null
    const file = path.join(this.dir, process.pid + '-' + (++this.sequence) + '.json')
    const handle = await fs.promises.open(file, 'w')
    try {
      await handle.writeFile(JSON.stringify(entries))
      await handle.sync()
    } finally {
      await handle.close()
    }
    return file
  }

  async end (file) {
    if (file) await fs.promises.rm(file, { force: true })
  }

  /** Restores the before-images of transactions interrupted by a crash; resolves how many items. */
  async recover (upstream) {
    if (!this.dir) return 0
    const files = fs.readdirSync(this.dir).map(name => path.join(this.dir, name))
    if (fs.existsSync(this.legacy)) files.push(this.legacy)
    let restored = 0
    for (const file of files) {
      let entries
      try {
        entries = JSON.parse(fs.readFileSync(file, 'utf8'))
      } catch (e) {
        entries = [] // torn write: the transaction had not started writing
      }
      for (const entry of entries) await restore(upstream, entry.TableName, entry.Key, entry.Before)
      restored += entries.length
      fs.rmSync(file, { force: true })
    }
    return restored
  }
}

module.exports = { Journal }
