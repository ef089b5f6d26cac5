'use strict'

/**
 * Fixes dynalite 4.0.0's store at the source of its growth. dynalite turns LevelDB iterators into streams whose
 * destroy() calls `iterator.return()`, a method abstract-level 3 iterators do not have (they have close()). So
 * every Query and Scan left its iterator open: each one pinned the LevelDB version and memtable of its moment,
 * which kept every obsolete table file on disk and every old memtable in memory (the dev store grew by about the
 * bytes ever written, and the process by a memtable per leaked iterator). Giving the iterators the async
 * iterator protocol's return() makes dynalite's own destroy() close them.
 */
function closeIteratorsOnReturn () {
  const abstractLevel = require(require.resolve('abstract-level', { paths: [require.resolve('dynalite')] }))
  const common = Object.getPrototypeOf(abstractLevel.AbstractIterator.prototype)
  if (typeof common.return === 'function') return false
  Object.defineProperty(common, 'return', {
    configurable: true,
    writable: true,
    value: async function () {
      await this.close()
      return { done: true, value: undefined }
    },
  })
  return true
}

module.exports = { closeIteratorsOnReturn }
